import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { serverErrors } from "@/lib/api/form-errors";
import { useChangePassword } from "../api/change-password";
import { checkPassword, emptyPassword, type PasswordValues } from "../lib/settings-rules";

type Fields = keyof PasswordValues;

export function PasswordForm() {
  const change = useChangePassword();
  const [values, setValues] = useState<PasswordValues>(emptyPassword);
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const server = serverErrors(change.error, ["current_password", "new_password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    change.reset();
    const found = checkPassword(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const { current_password, new_password } = values;
    change.mutate(
      { current_password, new_password },
      { onSuccess: () => setValues(emptyPassword) },
    );
  }

  const set = (field: Fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={server.form} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={values.current_password}
        onChange={set("current_password")}
        error={errors.current_password ?? server.fields.current_password}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={values.new_password}
        onChange={set("new_password")}
        error={errors.new_password ?? server.fields.new_password}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        onChange={set("confirm")}
        error={errors.confirm}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
