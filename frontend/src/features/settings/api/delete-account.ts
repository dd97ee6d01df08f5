import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { toast } from "@/components/toast";
import { deleteUserMeMutation } from "@/lib/api";
import { errorMessage } from "@/lib/api/errors";
import { signOut } from "@/lib/auth/sign-in";

/**
 * Deletes the signed-in user and their items. Superusers get a 403.
 *
 * Signing out and leaving happen here, not in the page's callbacks: ending the
 * session makes the route guard unmount the page, and a mutation's own
 * callbacks still run after that.
 */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    ...deleteUserMeMutation(),
    onSuccess: async () => {
      await signOut(queryClient);
      // Replaces the guard's redirect, which would come back here after the next login.
      await navigate("/login", { replace: true });
      toast.success("Your account has been deleted.");
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
}
