import { http, HttpResponse } from "msw";
import { screen, within } from "@testing-library/react";
import type { UserPublic } from "@/lib/api";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import DashboardPage from "./dashboard-page";

const ann: UserPublic = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "ann@example.com",
  full_name: "Ann Lee",
  is_active: true,
  is_superuser: false,
  created_at: "2025-01-01T00:00:00Z",
};

/** Signs `user` in and answers the dashboard's requests; returns the users-list calls. */
function signInAs(user: UserPublic) {
  const userListCalls: URL[] = [];
  sessionStore.set({ accessToken: "at", refreshToken: "rt" });
  server.use(
    http.get("/api/v1/users/me", () => HttpResponse.json(user)),
    http.get("/api/v1/items", ({ request }) => {
      expect(new URL(request.url).searchParams.get("limit")).toBe("1");
      return HttpResponse.json({ data: [], count: 7 });
    }),
    http.get("/api/v1/users", ({ request }) => {
      userListCalls.push(new URL(request.url));
      return HttpResponse.json({ data: [], count: 42 });
    }),
  );
  return userListCalls;
}

test("greets the user by name and shows their item count", async () => {
  const userListCalls = signInAs(ann);
  renderWithApp(<DashboardPage />);

  expect(await screen.findByRole("heading", { level: 1, name: "Hi, Ann Lee" })).toBeVisible();
  const items = screen.getByRole("region", { name: "Your items" });
  expect(await within(items).findByText("7")).toBeInTheDocument();
  expect(within(items).getByRole("link", { name: "View items" })).toHaveAttribute("href", "/items");
  expect(screen.queryByRole("heading", { name: "Users" })).not.toBeInTheDocument();
  expect(userListCalls).toHaveLength(0);
});

test("falls back to the email when the user has no full name", async () => {
  signInAs({ ...ann, full_name: "" });
  renderWithApp(<DashboardPage />);
  expect(
    await screen.findByRole("heading", { level: 1, name: "Hi, ann@example.com" }),
  ).toBeInTheDocument();
});

test("shows superusers the number of users", async () => {
  const userListCalls = signInAs({ ...ann, full_name: null, is_superuser: true });
  renderWithApp(<DashboardPage />);

  const users = await screen.findByRole("region", { name: "Users" });
  expect(await within(users).findByText("42")).toBeInTheDocument();
  expect(within(users).getByRole("link", { name: "Manage users" })).toHaveAttribute(
    "href",
    "/admin",
  );
  expect(userListCalls[0]?.searchParams.get("limit")).toBe("1");
});

test("tells superusers the item count is everyone's", async () => {
  signInAs({ ...ann, is_superuser: true });
  renderWithApp(<DashboardPage />);

  const items = await screen.findByRole("region", { name: "All items" });
  expect(await within(items).findByText("7")).toBeInTheDocument();
  expect(screen.queryByRole("region", { name: "Your items" })).not.toBeInTheDocument();
});

test("offers a retry when a count fails to load", async () => {
  signInAs(ann);
  server.use(
    http.get(
      "/api/v1/items",
      () =>
        HttpResponse.json(
          { type: "about:blank", title: "Error", status: 503, detail: "Try later" },
          { status: 503 },
        ),
      { once: true },
    ),
  );
  const { user } = renderWithApp(<DashboardPage />);
  expect(await screen.findByText("Try later")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByText("7")).toBeInTheDocument();
});
