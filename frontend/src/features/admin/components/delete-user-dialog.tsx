import { ConfirmDialog } from "@/components/confirm-dialog";
import type { UserPublic } from "@/lib/api";
import { useDeleteUser } from "../api/delete-user";

type Props = { user: UserPublic; onClose: () => void };

/** Asks before deleting; a refusal is shown here and the dialog stays open. */
export function DeleteUserDialog({ user, onClose }: Props) {
  const remove = useDeleteUser();
  return (
    <ConfirmDialog
      title="Delete user"
      message={
        <>
          Delete <strong>{user.email}</strong> and all their items? This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      busy={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ path: { id: user.id } }, { onSuccess: onClose })}
      onCancel={onClose}
    />
  );
}
