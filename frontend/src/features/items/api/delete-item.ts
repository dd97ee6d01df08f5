import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import { itemsKeys } from "./get-items";

export function deleteItem(id: string) {
  return request("delete", "/api/v1/items/{id}", { params: { id } });
}

export function useDeleteItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteItem,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKeys.all });
      toast.success("Item deleted");
    },
  });
}
