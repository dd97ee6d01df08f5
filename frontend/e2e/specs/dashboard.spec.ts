// /: the greeting and the cards (the users card for superusers only).
import { expect, test } from "../fixtures/test";
import { atPath, heading, link, login, mainNav } from "../fixtures/ui";

test("dashboard: greets the user and counts their items", async ({ page, api }) => {
  const user = await api.createUser({ tag: "dash", fullName: "Dana Dashboard" });
  const token = await api.accessToken(user);
  for (const title of ["One", "Two", "Three"]) await api.createItem(token, { title });
  await login(page, user);
  await expect(heading(page, "Hi, Dana Dashboard")).toBeVisible();
  const card = page.getByRole("region", { name: "Your items" });
  await expect(card).toContainText(/\b3\b/, { useInnerText: true });
  await expect(
    page.getByRole("heading", { name: "Users", exact: true }),
    'a normal user sees no "Users" card',
  ).toHaveCount(0);
  await expect(link(mainNav(page), "Admin"), 'a normal user sees no "Admin" link').toHaveCount(0);
  await link(card, "View items").click();
  await expect(page).toHaveURL(atPath("/items"));
});

test("dashboard: without a full name the greeting uses the email", async ({ page, api }) => {
  const user = await api.createUser({ tag: "dash-noname", fullName: "" });
  await login(page, user);
  await expect(heading(page, `Hi, ${user.email}`)).toBeVisible();
});

test("dashboard: a superuser also sees the users card", async ({ page, stack }) => {
  await login(page, stack.superuser);
  await expect(heading(page, `Hi, ${stack.superuser.email}`)).toBeVisible();
  // A superuser's item list holds everyone's items: the card says so.
  await expect(page.getByRole("region", { name: "All items" })).toContainText(/\b\d+\b/, {
    useInnerText: true,
  });
  const users = page.getByRole("region", { name: "Users" });
  await expect(users).toContainText(/\b\d+\b/, { useInnerText: true });
  await link(users, "Manage users").click();
  await expect(page).toHaveURL(atPath("/admin"));
  await expect(heading(page, "Users")).toBeVisible();
});
