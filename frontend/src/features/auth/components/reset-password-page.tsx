import { useState, type ChangeEvent, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import { errorStatus } from "@/lib/api/errors";
import { signOut } from "@/lib/auth/sign-in";
import { useDocumentTitle } from "@/lib/use-document-title";
import { password, required, sameAs, validate } from "@/lib/validation";
import { useResetPassword } from "../api/recovery";
import { serverErrors } from "@/lib/api/form-errors";

type Fields = "password" | "confirm";

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
  const [values, setValues] = useState<Record<Fields, string>>({ password: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const server = serverErrors<Fields>(reset.error, { new_password: "password" });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.password)],
    });
    setErrors(found);
    if (Object.keys(found).length) {
      reset.reset();
      return;
    }
    reset.mutate(
      { token, new_password: values.password },
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

  const set = (field: Fields) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

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
          value={values.password}
          onChange={set("password")}
          error={errors.password ?? server.fields.password}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          value={values.confirm}
          onChange={set("confirm")}
          error={errors.confirm}
        />
        <Button type="submit" variant="primary" className="button-block" busy={reset.isPending}>
          Reset password
        </Button>
      </form>
    </>
  );
}
