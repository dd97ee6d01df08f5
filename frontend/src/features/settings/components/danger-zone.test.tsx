import { http, HttpResponse } from "msw";
import { screen, within } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { server } from "@/test/server";
import { ann, problem, renderSettings } from "../test/render-settings";

async function confirmDeletion(user: Awaited<ReturnType<typeof renderSettings>>["user"]) {
  await user.click(screen.getByRole("button", { name: "Delete account" }));
  const dialog = screen.getByRole("dialog", { name: "Delete account" });
  await user.click(within(dialog).getByRole("button", { name: "Delete my account" }));
}

test("cancelling keeps the account", async () => {
  const { user } = await renderSettings();
  await user.click(screen.getByRole("button", { name: "Delete account" }));
  await user.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
});

test("deletes the account, signs out and goes to the login page", async () => {
  let loggedOut = false;
  server.use(
    http.delete("/api/v1/users/me", () => HttpResponse.json({ message: "User deleted" })),
    http.post("/api/v1/logout", () => {
      loggedOut = true;
      return HttpResponse.json({ message: "ok" });
    }),
  );
  const { user, router } = await renderSettings();
  await confirmDeletion(user);
  expect(await screen.findByText("Login page")).toBeInTheDocument();
  expect(router.state.location.pathname).toBe("/login");
  expect(await screen.findByText("Your account has been deleted.")).toBeInTheDocument();
  expect(sessionStore.get()).toBeNull();
  expect(loggedOut).toBe(true);
});

test("a superuser's refusal is shown as an error toast and the dialog closes", async () => {
  const detail = "Super users are not allowed to delete themselves";
  server.use(http.delete("/api/v1/users/me", () => problem(403, detail)));
  const { user, router } = await renderSettings({ ...ann, is_superuser: true });
  await confirmDeletion(user);
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(router.state.location.pathname).toBe("/settings");
  expect(sessionStore.get()).not.toBeNull();
});
