import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { serverErrors } from "@/lib/api/form-errors";
import { useForm } from "@/lib/use-form";
import { useChangePassword } from "../api/change-password";
import { checkPassword, emptyPassword } from "../lib/settings-rules";

export function PasswordForm() {
  const change = useChangePassword();
  const form = useForm(emptyPassword);
  const server = serverErrors(change.error, ["current_password", "new_password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    change.reset();
    if (!form.passes(checkPassword(form.values))) return;
    const { current_password, new_password } = form.values;
    change.mutate(
      { current_password, new_password },
      { onSuccess: () => form.setValues(emptyPassword) },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={server.form} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        {...form.text("current_password", server.fields.current_password)}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        {...form.text("new_password", server.fields.new_password)}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        {...form.text("confirm")}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
