import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { readItemsQueryKey, updateItemMutation } from "@/lib/api";

export function useUpdateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateItemMutation(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: readItemsQueryKey() });
      toast.success("Item updated");
    },
  });
}
