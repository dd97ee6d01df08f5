import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { deleteUserMutation } from "@/lib/api";
import { useRefreshUsers } from "./get-users";

/** Deletes the user and their items. The API refuses a superuser's own account. */
export function useDeleteUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    ...deleteUserMutation(),
    onSuccess: (_, { path }) => {
      refresh(path.id);
      toast.success("User deleted");
    },
  });
}
