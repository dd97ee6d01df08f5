import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { CheckboxField, FormError, TextField } from "@/components/field";
import { Modal } from "@/components/modal";
import { toast } from "@/components/toast";
import { serverErrors } from "@/lib/api/form-errors";
import type { UserPublic } from "@/lib/api/types";
import { useForm } from "@/lib/use-form";
import { useCreateUser } from "../api/create-user";
import { useUpdateUser } from "../api/update-user";
import { checkUser, initialValues, toUserChanges, toUserCreate } from "../lib/user-rules";

type Props = {
  /** The user to edit; without one the dialog adds a new user. */
  user?: UserPublic;
  onClose: () => void;
};

/** "Add user" / "Edit user". Stays open, with the API's answer, when saving fails. */
export function UserFormDialog({ user, onClose }: Props) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const form = useForm(() => initialValues(user));
  const { values } = form;
  const server = serverErrors(mutation.error, ["email", "full_name", "password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    if (!form.passes(checkUser(values, Boolean(user)))) return;
    if (!user) {
      create.mutate(toUserCreate(values), { onSuccess: onClose });
      return;
    }
    const changes = toUserChanges(values, user);
    if (!Object.keys(changes).length) {
      toast.info("There are no changes to save.");
      onClose();
      return;
    }
    update.mutate({ id: user.id, changes }, { onSuccess: onClose });
  }

  return (
    <Modal title={user ? "Edit user" : "Add user"} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={server.form} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          {...form.text("email", server.fields.email)}
        />
        <TextField
          label="Full name"
          autoComplete="off"
          {...form.text("full_name", server.fields.full_name)}
        />
        <TextField
          label={user ? "New password" : "Password"}
          type="password"
          autoComplete="new-password"
          hint={user ? "Leave empty to keep the current password" : undefined}
          {...form.text("password", server.fields.password)}
        />
        <CheckboxField label="Active" {...form.checkbox("is_active")} />
        <CheckboxField label="Superuser" {...form.checkbox("is_superuser")} />
        <div className="modal-actions">
          <Button onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={mutation.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
