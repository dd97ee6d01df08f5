import { Link, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useSignup } from "../api/signup";
import { passwordHint, signupForm } from "../lib/auth-forms";

export default function SignupPage() {
  useDocumentTitle("Create an account");
  const navigate = useNavigate();
  const signup = useSignup();
  const form = useSchemaForm(signupForm, { full_name: "", email: "", password: "", confirm: "" });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(({ full_name, email, password }) => {
    signup.mutate(
      { email, password, full_name: full_name || null },
      {
        onSuccess: (session) => navigate(session ? "/" : "/login", { replace: true }),
        onError: (error) => showServerErrors(form, error),
      },
    );
  });

  return (
    <>
      <h1>Create an account</h1>
      <FormError message={formAlert(form)} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Full name"
          hint="Optional"
          autoComplete="name"
          error={errors.full_name?.message}
          {...form.register("full_name")}
        />
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
          autoComplete="new-password"
          hint={passwordHint}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register("confirm")}
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
