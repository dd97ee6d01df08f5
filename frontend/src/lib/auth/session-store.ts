// The signed-in session: the access token for requests and the single-use
// refresh token that renews it. Kept in localStorage so a reload (or another
// tab) stays signed in; the strict CSP (no inline or third-party script) is
// what protects it. One store, subscribed to by React and the API client.
export type StoredSession = { accessToken: string; refreshToken: string };

/** Why a session ended without the user asking: shown on the login page. */
export type EndReason = "expired";

const KEY = "app.session";
const listeners = new Set<() => void>();
let current: StoredSession | null = load();
let endReason: EndReason | null = null;

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.accessToken === "string" && typeof value.refreshToken === "string") {
      return { accessToken: value.accessToken, refreshToken: value.refreshToken };
    }
  } catch {
    // A corrupt entry is the same as none.
  }
  return null;
}

function emit() {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get(): StoredSession | null {
    return current;
  },

  set(session: StoredSession) {
    current = session;
    endReason = null;
    localStorage.setItem(KEY, JSON.stringify(session));
    emit();
  },

  /** Signs out locally; `reason` tells the login page why, when it was not the user's choice. */
  clear(reason: EndReason | null = null) {
    current = null;
    endReason = reason;
    localStorage.removeItem(KEY);
    emit();
  },

  /** The reason the last session ended, once: reading it forgets it. */
  takeEndReason(): EndReason | null {
    const reason = endReason;
    endReason = null;
    return reason;
  },

  /** Re-reads storage: another tab signed in, refreshed or signed out. */
  reload() {
    const next = load();
    if (
      next?.accessToken === current?.accessToken &&
      next?.refreshToken === current?.refreshToken
    ) {
      return;
    }
    current = next;
    emit();
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) sessionStore.reload();
  });
}
