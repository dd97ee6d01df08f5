import { useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { useDocumentTitle } from "@/lib/use-document-title";
import { email, maxLength, password, required, sameAs, validate } from "@/lib/validation";
import { useSignup } from "../api/signup";
import { serverErrors } from "@/lib/api/form-errors";

type Fields = "fullName" | "email" | "password" | "confirm";

const EMPTY: Record<Fields, string> = { fullName: "", email: "", password: "", confirm: "" };
const API_FIELDS = { full_name: "fullName", email: "email", password: "password" } as const;

export default function SignupPage() {
  useDocumentTitle("Create an account");
  const navigate = useNavigate();
  const signup = useSignup();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const server = serverErrors<Fields>(signup.error, API_FIELDS);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      fullName: [maxLength("Full name")],
      email: [email],
      password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.password)],
    });
    setErrors(found);
    if (Object.keys(found).length) {
      signup.reset();
      return;
    }
    signup.mutate(values, {
      onSuccess: (session) => navigate(session ? "/" : "/login", { replace: true }),
    });
  }

  const set = (field: Fields) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const errorOf = (field: Fields) => errors[field] ?? server.fields[field];

  return (
    <>
      <h1>Create an account</h1>
      <FormError message={server.form} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Full name"
          hint="Optional"
          autoComplete="name"
          value={values.fullName}
          onChange={set("fullName")}
          error={errorOf("fullName")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set("email")}
          error={errorOf("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters"
          value={values.password}
          onChange={set("password")}
          error={errorOf("password")}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          value={values.confirm}
          onChange={set("confirm")}
          error={errorOf("confirm")}
        />
        <Button type="submit" variant="primary" className="button-block" busy={signup.isPending}>
          Sign up
        </Button>
      </form>
      <div className="auth-links">
        <span>
          Already have an account? <Link to="/login">Log in</Link>
        </span>
      </div>
    </>
  );
}
