import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { errorMessage } from "@/lib/api/errors";
import { nextPath } from "@/lib/auth/next-path";
import { sessionStore } from "@/lib/auth/session-store";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useForm } from "@/lib/use-form";
import { email, required, validate } from "@/lib/validation";
import { useLogin } from "../api/login";

export default function LoginPage() {
  useDocumentTitle("Log in");
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const form = useForm({ email: "", password: "" });
  // Read once: why the last session ended, if it was not the user's choice.
  const [notice] = useState(() =>
    sessionStore.takeEndReason() === "expired"
      ? "Your session has ended. Please log in again."
      : null,
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.passes(validate(form.values, { email: [email], password: [required("Password")] }))) {
      return;
    }
    login.mutate(form.values, {
      onSuccess: () => navigate(nextPath(location), { replace: true }),
    });
  }

  return (
    <>
      <h1>Log in</h1>
      {notice && !login.isError && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
      <FormError message={login.isError ? errorMessage(login.error) : null} />
      <form onSubmit={onSubmit} noValidate>
        <TextField label="Email" type="email" autoComplete="email" {...form.text("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          {...form.text("password")}
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
