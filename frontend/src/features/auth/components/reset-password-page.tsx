import type { FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import { errorStatus } from "@/lib/api/errors";
import { signOut } from "@/lib/auth/sign-in";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useForm } from "@/lib/use-form";
import { password, required, sameAs, validate } from "@/lib/validation";
import { useResetPassword } from "../api/recovery";
import { serverErrors } from "@/lib/api/form-errors";

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
  const form = useForm({ new_password: "", confirm: "" });
  const { values } = form;
  const server = serverErrors(reset.error, ["new_password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      new_password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.new_password)],
    });
    if (!form.passes(found)) {
      reset.reset();
      return;
    }
    reset.mutate(
      { token, new_password: values.new_password },
      {
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
    <>
      <FormError message={server.form} />
      {errorStatus(reset.error) === 400 && (
        <p>
          <Link to="/recover-password">Request a new link</Link>
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters"
          {...form.text("new_password", server.fields.new_password)}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          {...form.text("confirm")}
        />
        <Button type="submit" variant="primary" className="button-block" busy={reset.isPending}>
          Reset password
        </Button>
      </form>
    </>
  );
}
