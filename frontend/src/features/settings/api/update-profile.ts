import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { UserUpdateMe } from "@/lib/api/types";
import { currentUserKey } from "@/lib/auth/current-user";

/** Changes the signed-in user's own name and/or email; send only what changed. */
export function updateProfile(changes: UserUpdateMe) {
  return request("patch", "/api/v1/users/me", { body: changes });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (user) => {
      // The answer is the new record: no need to fetch it again.
      queryClient.setQueryData(currentUserKey, user);
      toast.success("Profile updated");
    },
  });
}
