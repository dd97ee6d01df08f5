import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { ItemUpdate } from "@/lib/api/types";
import { itemsKeys } from "./get-items";

export type ItemChanges = { id: string; changes: ItemUpdate };

export function updateItem({ id, changes }: ItemChanges) {
  return request("put", "/api/v1/items/{id}", { params: { id }, body: changes });
}

export function useUpdateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateItem,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKeys.all });
      toast.success("Item updated");
    },
  });
}
