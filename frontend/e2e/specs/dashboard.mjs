// /: the greeting and the cards (the users card for superusers only).
import { accessToken, createItem, createUser } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { e2e } from "../support/test.mjs";
import { expectHeading, expectPath, expectText, link, login } from "../support/ui.mjs";

e2e("dashboard: greets the user and counts their items", async ({ page }) => {
  const user = await createUser({ tag: "dash", fullName: "Dana Dashboard" });
  const token = await accessToken(user);
  for (const title of ["One", "Two", "Three"]) await createItem(token, { title });
  await login(page, user);
  await expectHeading(page, "Hi, Dana Dashboard");
  const card = page.getByRole("region", { name: "Your items" });
  await expectText(card, /\b3\b/, 'the card "Your items"');
  if (await page.getByRole("heading", { name: "Users", exact: true }).count()) {
    throw new Error('a normal user sees the "Users" card');
  }
  if (await link(page.getByRole("navigation", { name: "Main" }), "Admin").count()) {
    throw new Error('a normal user sees the "Admin" link');
  }
  await link(card, "View items").click();
  await expectPath(page, "/items");
});

e2e("dashboard: without a full name the greeting uses the email", async ({ page }) => {
  const user = await createUser({ tag: "dash-noname", fullName: "" });
  await login(page, user);
  await expectHeading(page, `Hi, ${user.email}`);
});

e2e("dashboard: a superuser also sees the users card", async ({ page }) => {
  await login(page, stack.superuser);
  await expectHeading(page, `Hi, ${stack.superuser.email}`);
  // A superuser's item list holds everyone's items: the card says so.
  await expectText(
    page.getByRole("region", { name: "All items" }),
    /\b\d+\b/,
    'the card "All items"',
  );
  const users = page.getByRole("region", { name: "Users" });
  await expectText(users, /\b\d+\b/, 'the card "Users"');
  await link(users, "Manage users").click();
  await expectPath(page, "/admin");
  await expectHeading(page, "Users");
});
