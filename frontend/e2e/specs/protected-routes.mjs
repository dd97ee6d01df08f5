// Signed-in pages send a visitor to /login, and back after logging in.
import { createUser } from "../support/api.mjs";
import { e2e } from "../support/test.mjs";
import { expectHeading, expectPath, login } from "../support/ui.mjs";

e2e("protected routes: /items signed out goes to /login, then back to /items", async ({ page }) => {
  const user = await createUser({ tag: "protected" });
  await page.goto("/items");
  await expectPath(page, "/login");
  await expectHeading(page, "Log in");
  await login(page, user);
  await expectPath(page, "/items");
  await expectHeading(page, "Items");
});

e2e("protected routes: /settings and /admin signed out go to /login", async ({ page }) => {
  for (const path of ["/settings", "/admin", "/"]) {
    await page.goto(path);
    await expectPath(page, "/login");
    await expectHeading(page, "Log in");
  }
});

e2e(
  "protected routes: a signed-in user visiting /login goes to the dashboard",
  async ({ page }) => {
    const user = await createUser({ tag: "signed-in", fullName: "Rita Redirect" });
    await login(page, user);
    await expectPath(page, "/");
    await page.goto("/login");
    await expectPath(page, "/");
    await expectHeading(page, "Hi, Rita Redirect");
  },
);
