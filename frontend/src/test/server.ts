// The API as unit tests see it: msw answers the HTTP requests fetch makes, so
// the real client (interceptors, refresh, error mapping) runs. Each test adds
// the handlers it needs with `server.use(...)`.
import { setupServer } from "msw/node";

export const server = setupServer();
