import { readItemsQueryKey, updateItemMutation } from "@/lib/api";
import { useListMutation } from "@/lib/use-list-mutation";

export const useUpdateItem = () =>
  useListMutation(updateItemMutation(), { list: readItemsQueryKey(), done: "Item updated" });
