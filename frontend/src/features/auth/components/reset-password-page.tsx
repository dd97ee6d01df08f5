import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FormError } from "@/components/field";
import { toast } from "@/components/toast";
import { errorStatus } from "@/lib/api/errors";
import { signOut } from "@/lib/auth/sign-in";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useResetPassword } from "../api/recovery";
import { NewPasswordForm } from "./new-password-form";

export default function ResetPasswordPage() {
  useDocumentTitle("Set a new password");
  const token = useSearchParams()[0].get("token");
  return (
    <>
      <h1>Set a new password</h1>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <FormError message="This reset link is invalid or incomplete." />
          <div className="auth-links">
            <Link to="/recover-password">Request a new link</Link>
          </div>
        </>
      )}
    </>
  );
}

function ResetPasswordForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reset = useResetPassword();

  function send(newPassword: string, onError: (error: unknown) => void) {
    reset.mutate(
      { body: { token, new_password: newPassword } },
      {
        onError,
        onSuccess: async () => {
          // The API ended every session of the user; one kept in this browser
          // would also keep /login (which redirects signed-in users) out of reach.
          await signOut(queryClient);
          toast.success("Your password has been reset. Log in with the new one.");
          navigate("/login", { replace: true });
        },
      },
    );
  }

  return (
    <NewPasswordForm sending={reset} submitLabel="Reset password" onSubmit={send}>
      {errorStatus(reset.error) === 400 && (
        <p>
          <Link to="/recover-password">Request a new link</Link>
        </p>
      )}
    </NewPasswordForm>
  );
}
