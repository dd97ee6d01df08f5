import { useMutation } from "@tanstack/react-query";
import { accessToken } from "@/lib/api";
import { startSession } from "@/lib/auth/sign-in";

export type Credentials = { email: string; password: string };

/** The OAuth2 password form: `username` carries the email. */
export async function login({ email, password }: Credentials) {
  const { data } = await accessToken({
    body: { grant_type: "password", username: email, password },
    throwOnError: true,
  });
  return data;
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: startSession });
}
