// Renders the admin page signed in as the superuser `root`, with `users` behind
// GET /api/v1/users (paged by skip/limit, as the API does).
import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import type { UserPublic } from "@/lib/api";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
export { problem } from "@/test/problem";
import { server } from "@/test/server";
import AdminPage from "../components/admin-page";

export function makeUser(n: number, overrides: Partial<UserPublic> = {}): UserPublic {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    email: `user${n}@example.com`,
    full_name: `User ${n}`,
    is_active: true,
    is_superuser: false,
    created_at: "2024-01-01T00:00:00Z",
    ...overrides,
  };
}

export const root = makeUser(0, {
  email: "root@example.com",
  full_name: "Root",
  is_superuser: true,
});

export async function renderAdmin(users: UserPublic[] = [root], route = "/admin") {
  const requested: URLSearchParams[] = [];
  sessionStore.set({ accessToken: "at", refreshToken: "rt" });
  server.use(
    http.get("/api/v1/users/me", () => HttpResponse.json(root)),
    http.get("/api/v1/users", ({ request }) => {
      const query = new URL(request.url).searchParams;
      requested.push(query);
      const skip = Number(query.get("skip"));
      const limit = Number(query.get("limit"));
      return HttpResponse.json({ data: users.slice(skip, skip + limit), count: users.length });
    }),
  );
  const result = renderWithApp(<AdminPage />, { path: "/admin", route });
  await screen.findByRole("table");
  return { ...result, requested };
}
