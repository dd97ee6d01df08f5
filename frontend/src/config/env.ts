// Build-time configuration (Vite exposes VITE_* variables). The SPA and the API
// share an origin behind nginx (and behind Vite's proxy in development), so the
// default base URL is empty: requests go to /api/v1/... on the page's origin.
export const env = {
  apiUrl: (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/$/, "") ?? "",
  appName: (import.meta.env.VITE_APP_NAME as string | undefined) ?? "Full Stack Rust",
} as const;
