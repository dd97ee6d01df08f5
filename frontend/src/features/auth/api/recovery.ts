import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api/request";
import type { NewPassword } from "@/lib/api/types";

/** Asks for a reset link; the API answers the same whether or not the email is registered. */
export function requestPasswordReset(email: string) {
  return request("post", "/api/v1/password-recovery/{email}", {
    params: { email: email.trim() },
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

/** Sets the new password with the token from the emailed link. */
export function resetPassword(body: NewPassword) {
  return request("post", "/api/v1/reset-password", { body });
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
