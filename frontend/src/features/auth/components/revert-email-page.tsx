import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { FormError } from "@/components/field";
import { toast } from "@/components/toast";
import { signOut } from "@/lib/auth/sign-in";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useRevertEmailChange } from "../api/recovery";
import { NewPasswordForm } from "./new-password-form";

/**
 * The link emailed to the old address after an email change: puts that
 * address back, ends every session, and sets a new password (whoever made
 * the change may know the old one).
 */
export default function RevertEmailPage() {
  useDocumentTitle("Undo the email change");
  const token = useSearchParams()[0].get("token");
  return (
    <>
      <h1>Undo the email change</h1>
      {token ? (
        <RevertEmailForm token={token} />
      ) : (
        <FormError message="This link is invalid or incomplete." />
      )}
    </>
  );
}

function RevertEmailForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const revert = useRevertEmailChange();

  function send(newPassword: string, onError: (error: unknown) => void) {
    revert.mutate(
      { body: { token, new_password: newPassword } },
      {
        onError,
        onSuccess: async () => {
          // Every session of the account ended, this browser's included.
          await signOut(queryClient);
          toast.success(
            "Your email is back and every session has ended. Log in with the new password.",
          );
          navigate("/login", { replace: true });
        },
      },
    );
  }

  return (
    <>
      <p>
        This puts your previous email back on the account, signs it out everywhere and cancels every
        password-reset link. Choose a new password to finish.
      </p>
      <NewPasswordForm sending={revert} submitLabel="Restore my email" onSubmit={send} />
    </>
  );
}
