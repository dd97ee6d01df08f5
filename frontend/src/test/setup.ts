import "@testing-library/jest-dom/vitest";
import { act, cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { clearToasts } from "@/components/toast/toast-store";
import { sessionStore } from "@/lib/auth/session-store";
import { server } from "./server";
import "./dialog";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  // The session and the toasts live in module stores that outlive a render:
  // each test starts signed out, with no toast from the one before.
  act(() => {
    sessionStore.clear();
    clearToasts();
  });
  cleanup();
  server.resetHandlers();
  localStorage.clear();
});
afterAll(() => server.close());
