import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import type { Session } from "@/lib/api/types";
import { startSession } from "@/lib/auth/sign-in";

export type Credentials = { email: string; password: string };

/** The OAuth2 password form: `username` carries the email. */
export async function login({ email, password }: Credentials): Promise<Session> {
  const form = new URLSearchParams({ grant_type: "password", username: email.trim(), password });
  const { data } = await api.post<Session>("/api/v1/login/access-token", form);
  return data;
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: startSession });
}
