import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { nextPath } from "@/lib/auth/next-path";
import { sessionStore } from "@/lib/auth/session-store";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useLogin } from "../api/login";
import { loginForm } from "../lib/auth-forms";

export default function LoginPage() {
  useDocumentTitle("Log in");
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const form = useSchemaForm(loginForm, { email: "", password: "" });
  const { errors } = form.formState;
  // Read once: why the last session ended, if it was not the user's choice.
  const [notice] = useState(() =>
    sessionStore.takeEndReason() === "expired"
      ? "Your session has ended. Please log in again."
      : null,
  );

  const onSubmit = form.handleSubmit((credentials) => {
    login.mutate(credentials, {
      onSuccess: () => navigate(nextPath(location), { replace: true }),
      onError: (error) => showServerErrors(form, error),
    });
  });

  return (
    <>
      <h1>Log in</h1>
      {notice && !login.isError && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
      <FormError message={formAlert(form)} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <Button type="submit" variant="primary" className="button-block" busy={login.isPending}>
          Log in
        </Button>
      </form>
      <div className="auth-links">
        <Link to="/recover-password">Forgot your password?</Link>
        <Link to="/signup">Create an account</Link>
      </div>
    </>
  );
}
