import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import { useRefreshUsers } from "./refresh-users";

/** Deletes the user and their items. The API refuses a superuser's own account. */
export function deleteUser(id: string) {
  return request("delete", "/api/v1/users/{id}", { params: { id } });
}

export function useDeleteUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: (_, id) => {
      refresh(id);
      toast.success("User deleted");
    },
  });
}
