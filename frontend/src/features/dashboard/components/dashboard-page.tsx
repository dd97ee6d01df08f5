import { PageHeader } from "@/components/page-header";
import { Spinner } from "@/components/spinner";
import { useCurrentUser } from "@/lib/auth/current-user";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useItemCount, useUserCount } from "../api/get-counts";
import { StatCard } from "./stat-card";
import "../dashboard.css";

export default function DashboardPage() {
  useDocumentTitle("Dashboard");
  const user = useCurrentUser().data;
  const isSuperuser = user?.is_superuser ?? false;
  const items = useItemCount();
  const users = useUserCount(isSuperuser);

  // The route guard loads the user first; this covers rendering without it.
  if (!user) return <Spinner label="Loading your account" />;
  // `||`, not `??`: an empty full name falls back to the email too.
  const name = user.full_name || user.email;

  return (
    <>
      <PageHeader title={`Hi, ${name}`} />
      <div className="grid">
        <StatCard
          // A superuser's item list (and so its count) holds everyone's items.
          title={isSuperuser ? "All items" : "Your items"}
          count={items}
          link={{ to: "/items", label: "View items" }}
        />
        {isSuperuser && (
          <StatCard title="Users" count={users} link={{ to: "/admin", label: "Manage users" }} />
        )}
      </div>
    </>
  );
}
