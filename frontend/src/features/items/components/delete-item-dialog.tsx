import { DeleteDialog } from "@/components/delete-dialog";
import type { ItemPublic } from "@/lib/api";
import { useDeleteItem } from "../api/delete-item";

type Props = { item: ItemPublic; onClose: () => void };

export function DeleteItemDialog({ item, onClose }: Props) {
  const mutation = useDeleteItem();
  return (
    <DeleteDialog
      what="item"
      name={item.title}
      id={item.id}
      mutation={mutation}
      onClose={onClose}
    />
  );
}
