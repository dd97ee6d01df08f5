import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import type { UserUpdateMe } from "@/lib/api";
import { readUserMeQueryKey } from "@/lib/api";
import { server } from "@/test/server";
import { ann, problem, renderSettings } from "../test/render-settings";

test("shows the sections and the current profile", async () => {
  await renderSettings();
  expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
  for (const name of ["Profile", "Password", "Danger zone"]) {
    expect(screen.getByRole("heading", { level: 2, name })).toBeInTheDocument();
  }
  expect(screen.getByLabelText("Full name")).toHaveValue("Ann Smith");
  expect(screen.getByLabelText("Email")).toHaveValue("ann@example.com");
});

test("sends only the changed fields and updates the signed-in user", async () => {
  let sent: UserUpdateMe | undefined;
  server.use(
    http.patch("/api/v1/users/me", async ({ request }) => {
      sent = (await request.json()) as UserUpdateMe;
      return HttpResponse.json({ ...ann, ...sent });
    }),
  );
  const { user, queryClient } = await renderSettings();
  await user.clear(screen.getByLabelText("Full name"));
  await user.type(screen.getByLabelText("Full name"), "Ann Jones");
  await user.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Profile updated")).toBeInTheDocument();
  expect(sent).toEqual({ full_name: "Ann Jones" });
  expect(queryClient.getQueryData(readUserMeQueryKey())).toMatchObject({ full_name: "Ann Jones" });
});

test("checks the email before sending anything", async () => {
  let called = false;
  server.use(
    http.patch("/api/v1/users/me", () => {
      called = true;
      return HttpResponse.json(ann);
    }),
  );
  const { user } = await renderSettings();
  await user.clear(screen.getByLabelText("Email"));
  await user.type(screen.getByLabelText("Email"), "not-an-email");
  await user.click(screen.getByRole("button", { name: "Save profile" }));
  expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
  expect(called).toBe(false);
});

test("shows the API's detail when the email is taken", async () => {
  server.use(
    http.patch("/api/v1/users/me", () => problem(409, "User with this email already exists")),
  );
  const { user } = await renderSettings();
  await user.clear(screen.getByLabelText("Email"));
  await user.type(screen.getByLabelText("Email"), "bob@example.com");
  await user.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("User with this email already exists");
});
