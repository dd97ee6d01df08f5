import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { createItemMutation, readItemsQueryKey } from "@/lib/api";

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    ...createItemMutation(),
    // Awaited, so the dialog closes on a list that already shows the new item.
    // The key without options matches every items query: each page, the dashboard's count.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: readItemsQueryKey() });
      toast.success("Item created");
    },
  });
}
