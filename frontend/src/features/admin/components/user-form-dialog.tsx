import { Button } from "@/components/button";
import { CheckboxField, FormError, TextField } from "@/components/field";
import { Modal } from "@/components/modal";
import { toast } from "@/components/toast";
import type { UserPublic } from "@/lib/api";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useCreateUser } from "../api/create-user";
import { useUpdateUser } from "../api/update-user";
import {
  initialValues,
  newUserForm,
  toUserChanges,
  toUserCreate,
  userChangesForm,
} from "../lib/user-form";

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
  const form = useSchemaForm(user ? userChangesForm : newUserForm, initialValues(user));
  const { errors } = form.formState;

  const save = form.handleSubmit((values) => {
    const outcome = {
      onSuccess: onClose,
      onError: (error: unknown) => showServerErrors(form, error),
    };
    if (!user) {
      create.mutate({ body: toUserCreate(values) }, outcome);
      return;
    }
    const changes = toUserChanges(values, user);
    if (!Object.keys(changes).length) {
      toast.info("There are no changes to save.");
      onClose();
      return;
    }
    update.mutate({ path: { id: user.id }, body: changes }, outcome);
  });

  return (
    <Modal title={user ? "Edit user" : "Add user"} onClose={onClose}>
      <form onSubmit={save} noValidate>
        <FormError message={formAlert(form)} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          label="Full name"
          autoComplete="off"
          error={errors.full_name?.message}
          {...form.register("full_name")}
        />
        <TextField
          label={user ? "New password" : "Password"}
          type="password"
          autoComplete="new-password"
          hint={user ? "Leave empty to keep the current password" : undefined}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <CheckboxField label="Active" {...form.register("is_active")} />
        <CheckboxField label="Superuser" {...form.register("is_superuser")} />
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
