import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { registerUser, type Session, type UserRegister } from "@/lib/api";
import { startSession } from "@/lib/auth/sign-in";
import { login } from "./login";

/**
 * Creates the account, then logs in with the same credentials. Resolves to
 * the new session, or to null when the account was created but the login
 * failed (say, rate limited): that is not a failed sign-up, and trying to
 * sign up again would only hit "already exists".
 */
async function signupAndLogin(account: UserRegister): Promise<Session | null> {
  await registerUser({ body: account, throwOnError: true });
  return login(account).catch(() => null);
}

/**
 * The toasts and the session start live here, not in the page's callbacks:
 * starting the session makes the sign-up route redirect, which can unmount
 * the page before its own callbacks run.
 */
export function useSignup() {
  return useMutation({
    mutationFn: signupAndLogin,
    onSuccess: (session) => {
      if (!session) {
        toast.info("Your account is ready. Log in to continue.");
        return;
      }
      toast.success("Welcome! Your account is ready.");
      startSession(session);
    },
  });
}
