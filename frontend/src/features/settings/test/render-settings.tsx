// Renders the settings page signed in as `user`, with /login to land on.
import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import type { UserPublic } from "@/lib/api";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
export { problem } from "@/test/problem";
import { server } from "@/test/server";
import SettingsPage from "../components/settings-page";

export const ann: UserPublic = {
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  email: "ann@example.com",
  full_name: "Ann Smith",
  is_active: true,
  is_superuser: false,
  created_at: "2024-01-01T00:00:00Z",
};

export async function renderSettings(user: UserPublic = ann) {
  sessionStore.set({ accessToken: "at", refreshToken: "rt" });
  server.use(http.get("/api/v1/users/me", () => HttpResponse.json(user)));
  const result = renderWithApp(<SettingsPage />, {
    path: "/settings",
    route: "/settings",
    extraRoutes: [{ path: "/login", element: <p>Login page</p> }],
  });
  await screen.findByLabelText("Full name");
  return result;
}
