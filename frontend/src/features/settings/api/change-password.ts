import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { request } from "@/lib/api/request";
import type { UpdatePassword } from "@/lib/api/types";

/** The API also ends the user's other sessions; this one carries on. */
export function changePassword(body: UpdatePassword) {
  return request("patch", "/api/v1/users/me/password", { body });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => toast.success("Password changed"),
  });
}
