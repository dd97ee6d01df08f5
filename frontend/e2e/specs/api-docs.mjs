// /docs: Swagger UI through the proxy. Its Authorize dialog asks only for a
// username and a password (the API's OAuth2 password flow has no client to
// name), before and after signing in, and signing in there works.
import { stack } from "../support/env.mjs";
import { e2e } from "../support/test.mjs";
import { button, expectHidden, expectVisible, field } from "../support/ui.mjs";

// What Swagger UI asks of an OAuth2 client in the password flow.
const CLIENT_LABELS = ["Client credentials location:", "client_id:", "client_secret:"];

async function expectNoClientFields(page, when) {
  for (const label of CLIENT_LABELS) {
    await expectHidden(page.getByText(label, { exact: true }), `"${label}" ${when}`);
  }
}

e2e("api docs: the Authorize dialog asks only for a username and a password", async ({ page }) => {
  await page.goto(`${stack.baseURL}/docs/`);
  await button(page, "Authorize").first().click();
  await expectVisible(field(page, "username:"), 'the field "username:"');
  await expectVisible(field(page, "password:"), 'the field "password:"');
  await expectNoClientFields(page, "before signing in");
  await expectHidden(
    page.getByText("Scopes are used to grant an application", { exact: false }),
    "the explanation of scopes (the API has none)",
  );

  await field(page, "username:").fill(stack.superuser.email);
  await field(page, "password:").fill(stack.superuser.password);
  await page.getByRole("button", { name: "Apply given OAuth2 credentials" }).click();
  await expectVisible(page.getByText("Authorized", { exact: true }), '"Authorized"');
  await expectVisible(page.getByText(stack.superuser.email), "the username signed in");
  await expectNoClientFields(page, "once signed in");
  await expectVisible(
    page.getByRole("button", { name: "Remove authorization" }),
    'the button "Logout"',
  );
});
