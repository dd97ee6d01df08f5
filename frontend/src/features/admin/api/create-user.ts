import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { UserCreate } from "@/lib/api/types";
import { useRefreshUsers } from "./refresh-users";

export function createUser(body: UserCreate) {
  return request("post", "/api/v1/users", { body });
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      refresh(user.id);
      toast.success("User created");
    },
  });
}
