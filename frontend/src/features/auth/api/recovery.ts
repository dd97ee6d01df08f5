import { useMutation } from "@tanstack/react-query";
import {
  recoverPasswordMutation,
  resetPasswordMutation,
  revertEmailChangeMutation,
} from "@/lib/api";

/** Asks for a reset link; the API answers the same whether or not the email is registered. */
export function useRequestPasswordReset() {
  return useMutation(recoverPasswordMutation());
}

/** Sets the new password with the token from the emailed link. */
export function useResetPassword() {
  return useMutation(resetPasswordMutation());
}

/**
 * Undoes an email change with the link sent to the old address: the old
 * email comes back with the new password, and every session ends.
 */
export function useRevertEmailChange() {
  return useMutation(revertEmailChangeMutation());
}
