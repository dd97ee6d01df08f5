import { http, HttpResponse } from "msw";
import { act, screen, within } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import { featureRoutes } from "../feature-routes";
import { AppLayout } from "./app-layout";

function signInAs(is_superuser: boolean) {
  act(() => sessionStore.set({ accessToken: "at", refreshToken: "rt" }));
  server.use(
    http.get("/api/v1/users/me", () =>
      HttpResponse.json({
        id: "0b6c1f4e-8d4c-4a4e-9d55-2f1b8f0b7a10",
        email: "ann@example.com",
        full_name: "Ann",
        is_active: true,
        is_superuser,
        created_at: "2025-01-01T00:00:00Z",
      }),
    ),
  );
}

const navLinks = () =>
  within(screen.getByRole("navigation", { name: "Main" }))
    .getAllByRole("link")
    .map((link) => [link.textContent, link.getAttribute("href")]);

test("the navigation links the dashboard, every feature's page, then the settings", async () => {
  signInAs(false);
  renderWithApp(<AppLayout />);
  await screen.findByText("ann@example.com");
  expect(navLinks()).toEqual([
    ["Dashboard", "/"],
    ...featureRoutes.map((feature) => [feature.label, feature.path]),
    ["Settings", "/settings"],
  ]);
  expect(navLinks()[1]).toEqual(["Items", "/items"]);
});

test("a superuser also has Admin", async () => {
  signInAs(true);
  renderWithApp(<AppLayout />);
  await screen.findByText("ann@example.com");
  expect(navLinks().at(-1)).toEqual(["Admin", "/admin"]);
});
