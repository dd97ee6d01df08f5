import type { UseMutationResult } from "@tanstack/react-query";
import { ConfirmDialog } from "./confirm-dialog";

type Props = {
  /** The kind of record, in words: "item" gives "Delete item". */
  what: string;
  /** The record's name, quoted in the question. */
  name: string;
  id: string;
  /** The feature's delete mutation (`useDeleteItem()`). */
  mutation: UseMutationResult<unknown, unknown, { path: { id: string } }>;
  onClose: () => void;
};

/** Asks before deleting a record; a refusal is shown here and the dialog stays open. */
export function DeleteDialog({ what, name, id, mutation, onClose }: Props) {
  return (
    <ConfirmDialog
      title={`Delete ${what}`}
      message={`Delete “${name}”? This cannot be undone.`}
      confirmLabel="Delete"
      busy={mutation.isPending}
      error={mutation.error}
      onConfirm={() => mutation.mutate({ path: { id } }, { onSuccess: onClose })}
      onCancel={onClose}
    />
  );
}
