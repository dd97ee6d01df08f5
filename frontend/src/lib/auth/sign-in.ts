// Starting and ending a session. Login itself (the form) is the auth
// feature's; every part of the app may end the session.
import type { QueryClient } from "@tanstack/react-query";
import { logout, type Session } from "@/lib/api";
import { sessionClient } from "@/lib/api/client";
import { sessionStore } from "./session-store";

export function startSession(session: Session) {
  sessionStore.set({ accessToken: session.access_token, refreshToken: session.refresh_token });
}

/** Revokes the refresh token on the server, then forgets everything locally. */
export async function signOut(queryClient: QueryClient) {
  const session = sessionStore.get();
  if (session) {
    // The refresh token alone identifies the session, so this goes around the
    // client's refresh-and-retry. Signing out must work offline or with a dead
    // session too: the server call is best effort, the local sign-out is not.
    await logout({ client: sessionClient, body: { refresh_token: session.refreshToken } }).catch(
      () => undefined,
    );
  }
  sessionStore.clear();
  queryClient.clear();
}
