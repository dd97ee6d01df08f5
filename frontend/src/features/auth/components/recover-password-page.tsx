import { Link } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useRequestPasswordReset } from "../api/recovery";
import { recoverForm } from "../lib/auth-forms";

export default function RecoverPasswordPage() {
  useDocumentTitle("Recover your password");
  const recovery = useRequestPasswordReset();
  const form = useSchemaForm(recoverForm, { email: "" });

  const onSubmit = form.handleSubmit(({ email }) => {
    recovery.mutate({ path: { email } }, { onError: (error) => showServerErrors(form, error) });
  });

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
          <FormError message={formAlert(form)} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              label="Email"
              type="email"
              autoComplete="email"
              error={form.formState.errors.email?.message}
              {...form.register("email")}
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
