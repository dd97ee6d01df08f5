import { http, HttpResponse } from "msw";
import { screen, within } from "@testing-library/react";
import type { UserCreate, UserUpdate } from "@/lib/api";
import { readUserMeQueryKey } from "@/lib/api";
import { server } from "@/test/server";
import { makeUser, problem, renderAdmin, root } from "../test/render-admin";

test("checks the new user's fields before sending anything", async () => {
  let called = false;
  server.use(
    http.post("/api/v1/users", () => {
      called = true;
      return HttpResponse.json(makeUser(9));
    }),
  );
  const { user } = await renderAdmin();
  await user.click(screen.getByRole("button", { name: "Add user" }));
  const dialog = screen.getByRole("dialog", { name: "Add user" });
  expect(within(dialog).getByLabelText("Active")).toBeChecked();
  expect(within(dialog).getByLabelText("Superuser")).not.toBeChecked();
  await user.type(within(dialog).getByLabelText("Email"), "nope");
  await user.type(within(dialog).getByLabelText("Password"), "short");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(within(dialog).getByText("Enter a valid email address.")).toBeInTheDocument();
  expect(within(dialog).getByText("Password must be at least 8 characters.")).toBeInTheDocument();
  expect(called).toBe(false);
});

test("creates a user and closes the dialog", async () => {
  let sent: UserCreate | undefined;
  server.use(
    http.post("/api/v1/users", async ({ request }) => {
      sent = (await request.json()) as UserCreate;
      return HttpResponse.json(makeUser(9, { email: sent.email }));
    }),
  );
  const { user } = await renderAdmin();
  await user.click(screen.getByRole("button", { name: "Add user" }));
  const dialog = screen.getByRole("dialog", { name: "Add user" });
  await user.type(within(dialog).getByLabelText("Email"), " new@example.com ");
  await user.type(within(dialog).getByLabelText("Full name"), "New Person");
  await user.type(within(dialog).getByLabelText("Password"), "a-long-password");
  await user.click(within(dialog).getByLabelText("Superuser"));
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(await screen.findByText("User created")).toBeInTheDocument();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(sent).toEqual({
    email: "new@example.com",
    full_name: "New Person",
    password: "a-long-password",
    is_active: true,
    is_superuser: true,
  });
});

test("shows the API's detail when the email is taken and stays open", async () => {
  const detail = "The user with this email already exists in the system.";
  server.use(http.post("/api/v1/users", () => problem(400, detail)));
  const { user } = await renderAdmin();
  await user.click(screen.getByRole("button", { name: "Add user" }));
  const dialog = screen.getByRole("dialog", { name: "Add user" });
  await user.type(within(dialog).getByLabelText("Email"), "root@example.com");
  await user.type(within(dialog).getByLabelText("Password"), "a-long-password");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent(detail);
  expect(screen.getByRole("dialog", { name: "Add user" })).toBeInTheDocument();
});

test("edits a user: prefilled, and only the changed fields are sent", async () => {
  let sent: UserUpdate | undefined;
  const target = makeUser(1, { is_active: false, is_superuser: true });
  server.use(
    http.patch("/api/v1/users/:id", async ({ request }) => {
      sent = (await request.json()) as UserUpdate;
      return HttpResponse.json({ ...target, ...sent });
    }),
  );
  const { user } = await renderAdmin([root, target]);
  await user.click(screen.getByRole("button", { name: "Edit user1@example.com" }));
  const dialog = screen.getByRole("dialog", { name: "Edit user" });
  expect(within(dialog).getByLabelText("Email")).toHaveValue("user1@example.com");
  expect(within(dialog).getByLabelText("Full name")).toHaveValue("User 1");
  expect(within(dialog).getByLabelText("New password")).toHaveValue("");
  expect(dialog).toHaveTextContent("Leave empty to keep the current password");
  expect(within(dialog).getByLabelText("Active")).not.toBeChecked();
  expect(within(dialog).getByLabelText("Superuser")).toBeChecked();

  await user.click(within(dialog).getByLabelText("Active"));
  await user.clear(within(dialog).getByLabelText("Full name"));
  await user.type(within(dialog).getByLabelText("Full name"), "Renamed");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(await screen.findByText("User updated")).toBeInTheDocument();
  expect(sent).toEqual({ full_name: "Renamed", is_active: true });
});

test("editing oneself refreshes the signed-in user", async () => {
  let meFetches = 0;
  server.use(
    http.patch("/api/v1/users/:id", () => HttpResponse.json({ ...root, full_name: "Boss" })),
  );
  const { user, queryClient } = await renderAdmin();
  server.use(
    http.get("/api/v1/users/me", () => {
      meFetches += 1;
      return HttpResponse.json({ ...root, full_name: "Boss" });
    }),
  );
  await user.click(screen.getByRole("button", { name: "Edit root@example.com" }));
  const dialog = screen.getByRole("dialog", { name: "Edit user" });
  await user.clear(within(dialog).getByLabelText("Full name"));
  await user.type(within(dialog).getByLabelText("Full name"), "Boss");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(await screen.findByText("User updated")).toBeInTheDocument();
  await vi.waitFor(() => expect(meFetches).toBe(1));
  expect(queryClient.getQueryData(readUserMeQueryKey())).toMatchObject({ full_name: "Boss" });
});
