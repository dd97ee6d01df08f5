import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { deleteItemMutation, readItemsQueryKey } from "@/lib/api";

export function useDeleteItem() {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteItemMutation(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: readItemsQueryKey() });
      toast.success("Item deleted");
    },
  });
}
