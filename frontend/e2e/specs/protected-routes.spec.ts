// Signed-in pages send a visitor to /login, and back after logging in.
import { expect, test } from "../fixtures/test";
import { atPath, heading, login } from "../fixtures/ui";

test("protected routes: /items signed out goes to /login, then back to /items", async ({
  page,
  api,
}) => {
  const user = await api.createUser({ tag: "protected" });
  await page.goto("/items");
  await expect(page).toHaveURL(atPath("/login"));
  await expect(heading(page, "Log in")).toBeVisible();
  await login(page, user);
  await expect(page).toHaveURL(atPath("/items"));
  await expect(heading(page, "Items")).toBeVisible();
});

test("protected routes: /settings and /admin signed out go to /login", async ({ page }) => {
  for (const path of ["/settings", "/admin", "/"]) {
    await page.goto(path);
    await expect(page, `${path} signed out`).toHaveURL(atPath("/login"));
    await expect(heading(page, "Log in")).toBeVisible();
  }
});

test("protected routes: a signed-in user visiting /login goes to the dashboard", async ({
  page,
  api,
}) => {
  const user = await api.createUser({ tag: "signed-in", fullName: "Rita Redirect" });
  await login(page, user);
  await expect(page).toHaveURL(atPath("/"));
  await page.goto("/login");
  await expect(page).toHaveURL(atPath("/"));
  await expect(heading(page, "Hi, Rita Redirect")).toBeVisible();
});
