import type { ReactNode } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { newPasswordForm, passwordHint } from "../lib/auth-forms";

/** The state of the request the form sends (a TanStack Query mutation). */
interface Sending {
  isPending: boolean;
  reset: () => void;
}

/**
 * A new password and its confirmation, checked here before `onSubmit` gets
 * the password and a callback for the API's errors, which show on the field
 * or above the form, with `children` under them. Shared by the pages an
 * emailed link opens.
 */
export function NewPasswordForm({
  sending,
  submitLabel,
  onSubmit,
  children,
}: {
  sending: Sending;
  submitLabel: string;
  onSubmit: (newPassword: string, onError: (error: unknown) => void) => void;
  children?: ReactNode;
}) {
  const form = useSchemaForm(newPasswordForm, { new_password: "", confirm: "" });
  const { errors } = form.formState;

  const submit = form.handleSubmit(
    ({ new_password }) => onSubmit(new_password, (error) => showServerErrors(form, error)),
    // The last attempt's answer (and what `children` show for it) goes with the new mistake.
    () => sending.reset(),
  );

  return (
    <>
      <FormError message={formAlert(form)} />
      {children}
      <form onSubmit={submit} noValidate>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={passwordHint}
          error={errors.new_password?.message}
          {...form.register("new_password")}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register("confirm")}
        />
        <Button type="submit" variant="primary" className="button-block" busy={sending.isPending}>
          {submitLabel}
        </Button>
      </form>
    </>
  );
}
