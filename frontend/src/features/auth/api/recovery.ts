import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api/request";
import type { EmailChangeRevert, NewPassword } from "@/lib/api/types";

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

/**
 * Undoes an email change with the link sent to the old address: the old
 * email comes back with the new password, and every session ends.
 */
export function revertEmailChange(body: EmailChangeRevert) {
  return request("post", "/api/v1/revert-email-change", { body });
}

export function useRevertEmailChange() {
  return useMutation({ mutationFn: revertEmailChange });
}
