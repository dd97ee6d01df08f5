import { createItemMutation, readItemsQueryKey } from "@/lib/api";
import { useListMutation } from "@/lib/use-list-mutation";

export const useCreateItem = () =>
  useListMutation(createItemMutation(), { list: readItemsQueryKey(), done: "Item created" });
