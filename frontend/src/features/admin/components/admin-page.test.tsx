import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { server } from "@/test/server";
import { makeUser, problem, renderAdmin, root } from "../test/render-admin";

const twelve = [root, ...Array.from({ length: 11 }, (_, i) => makeUser(i + 1))];

test("lists users with their role and status", async () => {
  await renderAdmin([root, makeUser(1, { is_active: false, full_name: null })]);
  expect(screen.getByRole("heading", { level: 1, name: "Users" })).toBeInTheDocument();
  const headers = screen.getAllByRole("columnheader").map((cell) => cell.textContent);
  expect(headers).toEqual(["Email", "Full name", "Role", "Status", "Actions"]);
  const [, rootRow, userRow] = screen.getAllByRole("row");
  expect(rootRow).toHaveTextContent("root@example.com");
  expect(rootRow).toHaveTextContent("Superuser");
  expect(rootRow).toHaveTextContent("Active");
  expect(userRow).toHaveTextContent("User");
  expect(userRow).toHaveTextContent("Inactive");
});

test("has no Delete button on the signed-in superuser's own row", async () => {
  await renderAdmin([root, makeUser(1)]);
  expect(screen.getByRole("button", { name: "Edit root@example.com" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Delete root@example.com" })).toBeNull();
  expect(screen.getByRole("button", { name: "Delete user1@example.com" })).toBeInTheDocument();
});

test("pages through users ten at a time, with the page in the URL", async () => {
  const { user, router, requested } = await renderAdmin(twelve);
  expect(screen.getAllByRole("row")).toHaveLength(11);
  expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
  expect(requested[0]?.get("skip")).toBe("0");
  expect(requested[0]?.get("limit")).toBe("10");

  await user.click(screen.getByRole("button", { name: "Next" }));
  expect(await screen.findByText("Page 2 of 2")).toBeInTheDocument();
  expect(router.state.location.search).toBe("?page=2");
  await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
  expect(requested.at(-1)?.get("skip")).toBe("10");
  expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
});

test("opens on the page named in the URL", async () => {
  await renderAdmin(twelve, "/admin?page=2");
  expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
  expect(screen.getByText("user11@example.com")).toBeInTheDocument();
});

test("deletes a user after confirmation", async () => {
  let deleted: string | undefined;
  server.use(
    http.delete("/api/v1/users/:id", ({ params }) => {
      deleted = String(params.id);
      return HttpResponse.json({ message: "User deleted successfully" });
    }),
  );
  const target = makeUser(1);
  const { user } = await renderAdmin([root, target]);
  await user.click(screen.getByRole("button", { name: "Delete user1@example.com" }));
  const dialog = screen.getByRole("dialog", { name: "Delete user" });
  expect(dialog).toHaveTextContent("user1@example.com");
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
  expect(await screen.findByText("User deleted")).toBeInTheDocument();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(deleted).toBe(target.id);
});

test("a refused deletion shows the API's detail and keeps the dialog open", async () => {
  server.use(http.delete("/api/v1/users/:id", () => problem(404, "User not found")));
  const { user } = await renderAdmin([root, makeUser(1)]);
  await user.click(screen.getByRole("button", { name: "Delete user1@example.com" }));
  const dialog = screen.getByRole("dialog", { name: "Delete user" });
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent("User not found");
  expect(screen.getByRole("dialog", { name: "Delete user" })).toBeInTheDocument();
});
