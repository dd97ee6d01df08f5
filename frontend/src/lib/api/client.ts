// Sets up the generated API client, which every SDK function and TanStack
// Query option of ./generated uses: the base URL, the access token on the
// operations that need one, errors as ApiError and, when the API answers 401,
// one renewal of the session with the refresh token and one retry of the
// request. If the refresh token is refused too, the session has ended
// (expired, revoked, or the user deactivated): it is cleared and the route
// guards send the user to the login page with a message.
import { env } from "@/config/env";
import { sessionStore, type StoredSession } from "@/lib/auth/session-store";
import { createClient, createConfig, type Client } from "./generated/client";
import { client } from "./generated/client.gen";
import { refresh } from "./generated/sdk.gen";
import { ApiError } from "./errors";

export const REFRESH_PATH = "/api/v1/login/refresh";

// The API's origin, which by default is the page's own. Spelled out because
// fetch outside a browser (the unit tests) cannot resolve a relative URL.
const baseUrl = env.apiUrl || globalThis.location.origin;

/** How long a request may wait for its answer before it fails ("Cannot reach the server"). */
const REQUEST_TIMEOUT_MS = 20_000;

/** fetch, abandoned after `timeoutMs` (or when the caller, e.g. TanStack Query, aborts it). */
export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    return fetch(request, { signal });
  };
}

/** Failures reject with an ApiError, which keeps the status the generated client drops. */
function throwApiErrors(target: Client) {
  target.interceptors.error.use(
    (body, response) => new ApiError(response?.status ?? 0, response ? body : undefined),
  );
}

/**
 * For the calls that manage the session themselves (refresh, logout): the
 * same base URL and errors, but no token and no refresh-and-retry around them.
 */
export const sessionClient = createClient(
  createConfig({ baseUrl, fetch: fetchWithTimeout(REQUEST_TIMEOUT_MS) }),
);
throwApiErrors(sessionClient);

client.setConfig({
  baseUrl,
  fetch: fetchWithTimeout(REQUEST_TIMEOUT_MS),
  // Sent to the operations the document marks as needing the bearer token.
  auth: () => sessionStore.get()?.accessToken,
});
throwApiErrors(client);

// A request's body can be read once: a copy of each request that carries a
// token is kept, in case it has to be sent again with a renewed one.
const unsent = new WeakMap<Request, Request>();

client.interceptors.request.use((request) => {
  if (bearerToken(request)) unsent.set(request, request.clone());
  return request;
});

client.interceptors.response.use(async (response, request, options) => {
  const copy = unsent.get(request);
  const sentToken = bearerToken(request);
  if (response.status !== 401 || !copy || !sentToken) return response;
  const renewed = await renewSession(sentToken);
  if (!renewed) return response;
  copy.headers.set("Authorization", `Bearer ${renewed.accessToken}`);
  // Straight to fetch: the retry's answer, 401 or not, is final.
  return (options.fetch ?? globalThis.fetch)(copy);
});

function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  return header?.startsWith("Bearer ") ? header.slice(7) : null;
}

let renewing: Promise<StoredSession | null> | null = null;

/**
 * A session whose access token is newer than `staleToken`, or null when the
 * session has ended. Concurrent 401s share one refresh; across tabs a Web
 * Lock serialises them, because refresh tokens are single use and presenting
 * one twice ends the session.
 */
export function renewSession(staleToken: string): Promise<StoredSession | null> {
  renewing ??= withRefreshLock(() => refreshUnlessRenewed(staleToken)).finally(() => {
    renewing = null;
  });
  return renewing;
}

async function refreshUnlessRenewed(staleToken: string): Promise<StoredSession | null> {
  sessionStore.reload();
  const session = sessionStore.get();
  if (!session) return null;
  // Another request or tab already renewed it.
  if (session.accessToken !== staleToken) return session;
  try {
    const { data } = await refresh({
      client: sessionClient,
      body: { refresh_token: session.refreshToken },
      throwOnError: true,
    });
    const next = { accessToken: data.access_token, refreshToken: data.refresh_token };
    sessionStore.set(next);
    return next;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      sessionStore.clear("expired");
      return null;
    }
    throw error;
  }
}

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return await navigator.locks.request("app-session-refresh", work);
  }
  return await work();
}
