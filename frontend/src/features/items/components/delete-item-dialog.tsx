import { ConfirmDialog } from "@/components/confirm-dialog";
import type { ItemPublic } from "@/lib/api";
import { useDeleteItem } from "../api/delete-item";

type Props = { item: ItemPublic; onClose: () => void };

/** Asks before deleting; a refusal is shown here and the dialog stays open. */
export function DeleteItemDialog({ item, onClose }: Props) {
  const remove = useDeleteItem();
  return (
    <ConfirmDialog
      title="Delete item"
      message={`Delete “${item.title}”? This cannot be undone.`}
      confirmLabel="Delete"
      busy={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ path: { id: item.id } }, { onSuccess: onClose })}
      onCancel={onClose}
    />
  );
}
