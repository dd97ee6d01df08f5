import type { FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useForm } from "@/lib/use-form";
import { email, maxLength, password, required, sameAs, validate } from "@/lib/validation";
import { useSignup } from "../api/signup";
import { serverErrors } from "@/lib/api/form-errors";

const EMPTY = { full_name: "", email: "", password: "", confirm: "" };

export default function SignupPage() {
  useDocumentTitle("Create an account");
  const navigate = useNavigate();
  const signup = useSignup();
  const form = useForm(EMPTY);
  const { values } = form;
  const server = serverErrors(signup.error, ["full_name", "email", "password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      full_name: [maxLength("Full name")],
      email: [email],
      password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.password)],
    });
    if (!form.passes(found)) {
      signup.reset();
      return;
    }
    signup.mutate(values, {
      onSuccess: (session) => navigate(session ? "/" : "/login", { replace: true }),
    });
  }

  return (
    <>
      <h1>Create an account</h1>
      <FormError message={server.form} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Full name"
          hint="Optional"
          autoComplete="name"
          {...form.text("full_name", server.fields.full_name)}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          {...form.text("email", server.fields.email)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters"
          {...form.text("password", server.fields.password)}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          {...form.text("confirm")}
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
