import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { errorMessage } from "@/lib/api/errors";
import { sessionStore } from "@/lib/auth/session-store";
import { useDocumentTitle } from "@/lib/use-document-title";
import { email, required, validate } from "@/lib/validation";
import { useLogin } from "../api/login";

type Fields = "email" | "password";

export default function LoginPage() {
  useDocumentTitle("Log in");
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const [values, setValues] = useState<Record<Fields, string>>({ email: "", password: "" });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  // Read once: why the last session ended, if it was not the user's choice.
  const [notice] = useState(() =>
    sessionStore.takeEndReason() === "expired"
      ? "Your session has ended. Please log in again."
      : null,
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, { email: [email], password: [required("Password")] });
    setErrors(found);
    if (Object.keys(found).length) return;
    login.mutate(values, {
      onSuccess: () => {
        const next = (location.state as { next?: string } | null)?.next ?? "/";
        navigate(next, { replace: true });
      },
    });
  }

  const set = (field: Fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

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
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set("email")}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={set("password")}
          error={errors.password}
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
