import { deleteItemMutation, readItemsQueryKey } from "@/lib/api";
import { useListMutation } from "@/lib/use-list-mutation";

export const useDeleteItem = () =>
  useListMutation(deleteItemMutation(), { list: readItemsQueryKey(), done: "Item deleted" });
