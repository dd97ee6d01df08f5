import { http, HttpResponse } from "msw";
import { act, screen, within } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import { testUser } from "@/test/user";
import { featureRoutes } from "../feature-routes";
import { AppLayout } from "./app-layout";

function signInAs(is_superuser: boolean) {
  act(() => sessionStore.set({ accessToken: "at", refreshToken: "rt" }));
  server.use(http.get("/api/v1/users/me", () => HttpResponse.json(testUser(is_superuser))));
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
