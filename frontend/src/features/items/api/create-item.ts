import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { ItemCreate } from "@/lib/api/types";
import { itemsKeys } from "./get-items";

export function createItem(body: ItemCreate) {
  return request("post", "/api/v1/items", { body });
}

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createItem,
    // Awaited, so the dialog closes on a list that already shows the new item.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKeys.all });
      toast.success("Item created");
    },
  });
}
