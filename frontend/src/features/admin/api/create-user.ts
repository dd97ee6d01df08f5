import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { createUserMutation } from "@/lib/api";
import { useRefreshUsers } from "./get-users";

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    ...createUserMutation(),
    onSuccess: (user) => {
      refresh(user.id);
      toast.success("User created");
    },
  });
}
