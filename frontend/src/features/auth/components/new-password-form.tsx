import type { FormEvent, ReactNode } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { serverErrors } from "@/lib/api/form-errors";
import { useForm } from "@/lib/use-form";
import { password, required, sameAs, validate } from "@/lib/validation";

/** The state of the request the form sends (a TanStack Query mutation). */
interface Sending {
  error: unknown;
  isPending: boolean;
  reset: () => void;
}

/**
 * A new password and its confirmation, checked here before `onSubmit` gets
 * the password; the API's errors show on the field or above the form, with
 * `children` under them. Shared by the pages an emailed link opens.
 */
export function NewPasswordForm({
  sending,
  submitLabel,
  onSubmit,
  children,
}: {
  sending: Sending;
  submitLabel: string;
  onSubmit: (newPassword: string) => void;
  children?: ReactNode;
}) {
  const form = useForm({ new_password: "", confirm: "" });
  const { values } = form;
  const server = serverErrors(sending.error, ["new_password"] as const);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      new_password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.new_password)],
    });
    if (!form.passes(found)) {
      sending.reset();
      return;
    }
    onSubmit(values.new_password);
  }

  return (
    <>
      <FormError message={server.form} />
      {children}
      <form onSubmit={submit} noValidate>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters"
          {...form.text("new_password", server.fields.new_password)}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          {...form.text("confirm")}
        />
        <Button type="submit" variant="primary" className="button-block" busy={sending.isPending}>
          {submitLabel}
        </Button>
      </form>
    </>
  );
}
