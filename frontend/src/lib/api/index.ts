// The API, as the rest of the SPA calls it: the generated types, SDK functions
// and TanStack Query options and keys (./generated, from backend/openapi.json),
// on the client set up by ./client (base URL, token, refresh-and-retry).
import "./client";

export * from "./generated";
export * from "./generated/@tanstack/react-query.gen";
