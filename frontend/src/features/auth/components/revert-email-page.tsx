import type { FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import { serverErrors } from "@/lib/api/form-errors";
import { signOut } from "@/lib/auth/sign-in";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useForm } from "@/lib/use-form";
import { password, required, sameAs, validate } from "@/lib/validation";
import { useRevertEmailChange } from "../api/recovery";

/**
 * The link emailed to the old address after an email change: puts that
 * address back, ends every session, and sets a new password (whoever made
 * the change may know the old one).
 */
export default function RevertEmailPage() {
  useDocumentTitle("Undo the email change");
  const token = useSearchParams()[0].get("token");
  return (
    <>
      <h1>Undo the email change</h1>
      {token ? (
        <RevertEmailForm token={token} />
      ) : (
        <FormError message="This link is invalid or incomplete." />
      )}
    </>
  );
}

function RevertEmailForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const revert = useRevertEmailChange();
  const form = useForm({ new_password: "", confirm: "" });
  const { values } = form;
  const server = serverErrors(revert.error, ["new_password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values, {
      new_password: [password],
      confirm: [required("Confirm password"), sameAs(() => values.new_password)],
    });
    if (!form.passes(found)) {
      revert.reset();
      return;
    }
    revert.mutate(
      { token, new_password: values.new_password },
      {
        onSuccess: async () => {
          // Every session of the account ended, this browser's included.
          await signOut(queryClient);
          toast.success(
            "Your email is back and every session has ended. Log in with the new password.",
          );
          navigate("/login", { replace: true });
        },
      },
    );
  }

  return (
    <>
      <p>
        This puts your previous email back on the account, signs it out everywhere and cancels every
        password-reset link. Choose a new password to finish.
      </p>
      <FormError message={server.form} />
      <form onSubmit={onSubmit} noValidate>
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
        <Button type="submit" variant="primary" className="button-block" busy={revert.isPending}>
          Restore my email
        </Button>
      </form>
    </>
  );
}
