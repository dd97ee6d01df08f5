import type { FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useForm } from "@/lib/use-form";
import { email } from "@/lib/validation";
import { useRequestPasswordReset } from "../api/recovery";
import { serverErrors } from "@/lib/api/form-errors";

export default function RecoverPasswordPage() {
  useDocumentTitle("Recover your password");
  const recovery = useRequestPasswordReset();
  const form = useForm({ email: "" });
  const server = serverErrors(recovery.error, ["email"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = email(form.values.email);
    if (!form.passes(found ? { email: found } : {})) {
      recovery.reset();
      return;
    }
    recovery.mutate(form.values.email);
  }

  return (
    <>
      <h1>Recover your password</h1>
      {recovery.isSuccess ? (
        // The same words whether or not the address has an account: the API
        // does not say, so nobody can probe which emails are registered.
        <p className="form-notice" role="status">
          If an account exists for that address, we have sent a link to reset its password.
        </p>
      ) : (
        <>
          <FormError message={server.form} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              label="Email"
              type="email"
              autoComplete="email"
              {...form.text("email", server.fields.email)}
            />
            <Button
              type="submit"
              variant="primary"
              className="button-block"
              busy={recovery.isPending}
            >
              Send reset link
            </Button>
          </form>
        </>
      )}
      <div className="auth-links">
        <Link to="/login">Back to log in</Link>
      </div>
    </>
  );
}
