import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useChangePassword } from "../api/change-password";
import { emptyPassword, passwordForm } from "../lib/settings-forms";

export function PasswordForm() {
  const change = useChangePassword();
  const form = useSchemaForm(passwordForm, emptyPassword);
  const { errors } = form.formState;

  const save = form.handleSubmit(({ current_password, new_password }) => {
    change.mutate(
      { body: { current_password, new_password } },
      {
        onSuccess: () => form.reset(emptyPassword),
        onError: (error) => showServerErrors(form, error),
      },
    );
  });

  return (
    <form onSubmit={save} noValidate>
      <FormError message={formAlert(form)} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.current_password?.message}
        {...form.register("current_password")}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        error={errors.new_password?.message}
        {...form.register("new_password")}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register("confirm")}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
