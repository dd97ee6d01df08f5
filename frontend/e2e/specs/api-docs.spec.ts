// /docs: Swagger UI through the proxy. Its Authorize dialog asks only for a
// username and a password (the API's OAuth2 password flow has no client to
// name), before and after signing in, and signing in there works.
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { button, field } from "../fixtures/ui";

// What Swagger UI asks of an OAuth2 client in the password flow.
const CLIENT_LABELS = ["Client credentials location:", "client_id:", "client_secret:"];

/** None of the client's fields shows (whether Swagger UI renders them hidden or not at all). */
async function expectNoClientFields(page: Page) {
  for (const label of CLIENT_LABELS) {
    await expect(page.getByText(label, { exact: true }).filter({ visible: true })).toHaveCount(0);
  }
}

test("api docs: the Authorize dialog asks only for a username and a password", async ({
  page,
  stack,
}) => {
  await page.goto("/docs/");
  await button(page, "Authorize").first().click();
  await expect(field(page, "username:")).toBeVisible();
  await expect(field(page, "password:")).toBeVisible();
  await expectNoClientFields(page);
  await expect(
    page.getByText("Scopes are used to grant an application").filter({ visible: true }),
    "the explanation of scopes (the API has none)",
  ).toHaveCount(0);

  await field(page, "username:").fill(stack.superuser.email);
  await field(page, "password:").fill(stack.superuser.password);
  await page.getByRole("button", { name: "Apply given OAuth2 credentials" }).click();
  await expect(page.getByText("Authorized", { exact: true })).toBeVisible();
  await expect(page.getByText(stack.superuser.email)).toBeVisible();
  await expectNoClientFields(page);
  await expect(page.getByRole("button", { name: "Remove authorization" })).toBeVisible();
});
