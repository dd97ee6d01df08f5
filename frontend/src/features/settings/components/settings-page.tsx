import { useId, type ReactNode } from "react";
import { ErrorState } from "@/components/error-state";
import { PageHeader } from "@/components/page-header";
import { FullPageSpinner } from "@/components/spinner";
import { useCurrentUser } from "@/lib/auth/current-user";
import { useDocumentTitle } from "@/lib/use-document-title";
import { DangerZone } from "./danger-zone";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import "../settings.css";

function Section({
  title,
  danger,
  children,
}: {
  title: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={danger ? "card settings-section settings-danger" : "card settings-section"}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export default function SettingsPage() {
  useDocumentTitle("Settings");
  const user = useCurrentUser();

  return (
    <>
      <PageHeader title="Settings" />
      {user.isError ? (
        <ErrorState error={user.error} onRetry={() => void user.refetch()} />
      ) : !user.data ? (
        <FullPageSpinner label="Loading your profile" />
      ) : (
        <>
          <Section title="Profile">
            {/* Keyed by user: a different account must not inherit these fields. */}
            <ProfileForm key={user.data.id} user={user.data} />
          </Section>
          <Section title="Password">
            <PasswordForm />
          </Section>
          <Section title="Danger zone" danger>
            <DangerZone />
          </Section>
        </>
      )}
    </>
  );
}
