import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { updateUserMutation } from "@/lib/api";
import { useRefreshUsers } from "./get-users";

/** Send only the fields that change; the API leaves the others as they are. */
export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    ...updateUserMutation(),
    onSuccess: (user) => {
      refresh(user.id);
      toast.success("User updated");
    },
  });
}
