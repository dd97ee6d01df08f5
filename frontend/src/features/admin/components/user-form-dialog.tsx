import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { CheckboxField, FormError, TextField } from "@/components/field";
import { Modal } from "@/components/modal";
import { toast } from "@/components/toast";
import { serverErrors } from "@/lib/api/form-errors";
import type { UserPublic } from "@/lib/api/types";
import { useCreateUser } from "../api/create-user";
import { useUpdateUser } from "../api/update-user";
import {
  checkUser,
  initialValues,
  toUserChanges,
  toUserCreate,
  type UserTextFields,
} from "../lib/user-rules";

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
  const [values, setValues] = useState(() => initialValues(user));
  const [errors, setErrors] = useState<Partial<Record<UserTextFields, string>>>({});
  const server = serverErrors(mutation.error, ["email", "full_name", "password"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    const found = checkUser(values, Boolean(user));
    setErrors(found);
    if (Object.keys(found).length) return;
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

  const setText = (field: UserTextFields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const setFlag =
    (field: "is_active" | "is_superuser") => (event: React.ChangeEvent<HTMLInputElement>) =>
      setValues((current) => ({ ...current, [field]: event.target.checked }));

  return (
    <Modal title={user ? "Edit user" : "Add user"} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={server.form} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={setText("email")}
          error={errors.email ?? server.fields.email}
        />
        <TextField
          label="Full name"
          autoComplete="off"
          value={values.full_name}
          onChange={setText("full_name")}
          error={errors.full_name ?? server.fields.full_name}
        />
        <TextField
          label={user ? "New password" : "Password"}
          type="password"
          autoComplete="new-password"
          hint={user ? "Leave empty to keep the current password" : undefined}
          value={values.password}
          onChange={setText("password")}
          error={errors.password ?? server.fields.password}
        />
        <CheckboxField label="Active" checked={values.is_active} onChange={setFlag("is_active")} />
        <CheckboxField
          label="Superuser"
          checked={values.is_superuser}
          onChange={setFlag("is_superuser")}
        />
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
