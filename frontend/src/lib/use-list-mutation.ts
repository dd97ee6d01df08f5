import {
  useMutation,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
} from "@tanstack/react-query";
import { toast } from "@/components/toast";

/**
 * A change to a list's records (`createItemMutation()`...): once the API has
 * accepted it, every query of the list is fetched again and a toast says
 * `done`. `list` is the list's key without options, which matches each of
 * its queries: every page, a dashboard's count, a select's choices.
 */
export function useListMutation<Data, Error, Variables>(
  mutation: UseMutationOptions<Data, Error, Variables>,
  { list, done }: { list: QueryKey; done: string },
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutation,
    // Awaited, so a dialog closes on a list that already shows the change.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: list });
      toast.success(done);
    },
  });
}
