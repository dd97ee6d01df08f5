import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { UserUpdate } from "@/lib/api/types";
import { useRefreshUsers } from "./refresh-users";

export type UserChanges = { id: string; changes: UserUpdate };

/** Sends only the fields in `changes`; the API leaves the others as they are. */
export function updateUser({ id, changes }: UserChanges) {
  return request("patch", "/api/v1/users/{id}", { params: { id }, body: changes });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: (user) => {
      refresh(user.id);
      toast.success("User updated");
    },
  });
}
