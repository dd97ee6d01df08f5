import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import type { UpdatePassword } from "@/lib/api";
import { server } from "@/test/server";
import { problem, renderSettings } from "../test/render-settings";

async function fillPassword(current: string, next: string, confirm: string) {
  const result = await renderSettings();
  const { user } = result;
  if (current) await user.type(screen.getByLabelText("Current password"), current);
  if (next) await user.type(screen.getByLabelText("New password"), next);
  if (confirm) await user.type(screen.getByLabelText("Confirm new password"), confirm);
  await user.click(screen.getByRole("button", { name: "Change password" }));
  return result;
}

test("checks the fields before sending anything", async () => {
  let called = false;
  server.use(
    http.patch("/api/v1/users/me/password", () => {
      called = true;
      return HttpResponse.json({ message: "ok" });
    }),
  );
  await fillPassword("", "short", "other");
  expect(screen.getByText("Current password is required.")).toBeInTheDocument();
  expect(screen.getByText("New password must be at least 8 characters.")).toBeInTheDocument();
  expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();
  expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
  expect(called).toBe(false);
});

test("shows the API's detail when the current password is wrong", async () => {
  server.use(http.patch("/api/v1/users/me/password", () => problem(400, "Incorrect password")));
  await fillPassword("wrong-one", "a-new-password", "a-new-password");
  expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect password");
  expect(screen.getByLabelText("Current password")).toHaveValue("wrong-one");
});

test("changes the password and clears the fields", async () => {
  let sent: UpdatePassword | undefined;
  server.use(
    http.patch("/api/v1/users/me/password", async ({ request }) => {
      sent = (await request.json()) as UpdatePassword;
      return HttpResponse.json({ message: "Password updated successfully" });
    }),
  );
  await fillPassword("old-password", "a-new-password", "a-new-password");
  expect(await screen.findByText("Password changed")).toBeInTheDocument();
  expect(sent).toEqual({ current_password: "old-password", new_password: "a-new-password" });
  for (const label of ["Current password", "New password", "Confirm new password"]) {
    expect(screen.getByLabelText(label)).toHaveValue("");
  }
});
