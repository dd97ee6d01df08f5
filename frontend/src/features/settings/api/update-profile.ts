import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { readUserMeQueryKey, updateUserMeMutation } from "@/lib/api";

/** Changes the signed-in user's own name and/or email; send only what changed. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateUserMeMutation(),
    onSuccess: (user) => {
      // The answer is the new record: no need to fetch it again.
      queryClient.setQueryData(readUserMeQueryKey(), user);
      toast.success("Profile updated");
    },
  });
}
