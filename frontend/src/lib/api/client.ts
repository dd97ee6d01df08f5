// The one HTTP client. It adds the access token to every request and, when the
// API answers 401, renews the session once with the refresh token and retries
// the request. If the refresh token is refused too, the session has ended
// (expired, revoked, or the user deactivated): it is cleared and the route
// guards send the user to the login page with a message.
import axios, { AxiosError, type AxiosRequestConfig } from "axios";
import { env } from "@/config/env";
import { sessionStore, type StoredSession } from "@/lib/auth/session-store";
import type { Session } from "./types";

export const REFRESH_PATH = "/api/v1/login/refresh";

type RetriableConfig = AxiosRequestConfig & { _retried?: boolean };

export const api = axios.create({ baseURL: env.apiUrl, timeout: 20_000 });

api.interceptors.request.use((config) => {
  const session = sessionStore.get();
  if (session && !config.headers.Authorization) {
    config.headers.Authorization = `Bearer ${session.accessToken}`;
  }
  return config;
});

api.interceptors.response.use(undefined, async (error: unknown) => {
  if (!(error instanceof AxiosError) || error.response?.status !== 401 || !error.config) {
    throw error;
  }
  const config = error.config as RetriableConfig;
  const sentToken = bearerToken(config);
  if (config._retried || !sentToken) throw error;

  const renewed = await renewSession(sentToken);
  if (!renewed) throw error;
  config._retried = true;
  config.headers = { ...config.headers, Authorization: `Bearer ${renewed.accessToken}` };
  return api.request(config);
});

function bearerToken(config: AxiosRequestConfig): string | null {
  const header = config.headers?.Authorization;
  return typeof header === "string" && header.startsWith("Bearer ") ? header.slice(7) : null;
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
    const { data } = await axios.post<Session>(`${env.apiUrl}${REFRESH_PATH}`, {
      refresh_token: session.refreshToken,
    });
    const next = { accessToken: data.access_token, refreshToken: data.refresh_token };
    sessionStore.set(next);
    return next;
  } catch (error) {
    const status = error instanceof AxiosError ? error.response?.status : undefined;
    if (status === 401 || status === 403) {
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
