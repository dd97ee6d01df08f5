import { useSyncExternalStore } from "react";
import { sessionStore } from "./session-store";

/** The stored session, re-rendering when it changes (sign-in, refresh, sign-out, another tab). */
export function useSession() {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}
