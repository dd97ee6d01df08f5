// /recover-password and /reset-password, with the link from the email the
// worker really sent through SMTP (the harness's SMTP server stores it).
import assert from "node:assert/strict";
import { createUser, uniqueEmail, uniquePassword } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { waitForResetLink } from "../support/mail.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  expectAlert,
  expectFieldError,
  expectHeading,
  expectPath,
  expectToast,
  expectVisible,
  field,
  link,
  login,
  submitLogin,
} from "../support/ui.mjs";

const SENT = "If an account exists for that address, we have sent a link to reset its password.";

async function requestLink(page, email) {
  await page.goto("/login");
  await link(page, "Forgot your password?").click();
  await expectPath(page, "/recover-password");
  await expectHeading(page, "Recover your password");
  await field(page, "Email").fill(email);
  await button(page, "Send reset link").click();
  await expectVisible(page.getByText(SENT), `"${SENT}"`);
}

async function setNewPassword(page, password, confirm = password) {
  await expectHeading(page, "Set a new password");
  await field(page, "New password").fill(password);
  await field(page, "Confirm password").fill(confirm);
  await button(page, "Reset password").click();
}

e2e("password recovery: the emailed link sets a new password", async ({ page }) => {
  const user = await createUser({ tag: "recover" });
  await requestLink(page, user.email);
  assert.equal(await field(page, "Email").count(), 0, "the form is replaced by the message");

  const url = await waitForResetLink(user.email, stack.baseURL);
  const next = uniquePassword();
  await page.goto(url);
  await setNewPassword(page, next);
  await expectPath(page, "/login");
  await expectToast(page, "Your password has been reset. Log in with the new one.");

  await submitLogin(page, user); // the old password
  await expectAlert(page, "Incorrect email or password");
  await login(page, { email: user.email, password: next });
  await expectPath(page, "/");
});

e2e("password recovery: a link works once", async ({ page }) => {
  const user = await createUser({ tag: "recover-once" });
  await requestLink(page, user.email);
  const url = await waitForResetLink(user.email, stack.baseURL);
  await page.goto(url);
  await setNewPassword(page, uniquePassword());
  await expectPath(page, "/login");

  await page.goto(url);
  await setNewPassword(page, uniquePassword());
  await expectAlert(page, "Invalid token");
  await expectPath(page, "/reset-password");
});

e2e("password recovery: an unknown address gets the same answer", async ({ page }) => {
  await requestLink(page, uniqueEmail("nobody"));
});

e2e("password recovery: an empty or malformed email is refused", async ({ page }) => {
  await page.goto("/recover-password");
  await button(page, "Send reset link").click();
  await expectFieldError(page, "Email", "Email is required.");
  await field(page, "Email").fill("not-an-email");
  await button(page, "Send reset link").click();
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await link(page, "Back to log in").click();
  await expectPath(page, "/login");
});

e2e("reset password: no token in the link", async ({ page }) => {
  await page.goto("/reset-password");
  await expectAlert(page, "This reset link is invalid or incomplete.");
  await link(page, "Request a new link").click();
  await expectPath(page, "/recover-password");
});

e2e("reset password: a made-up token shows the API's detail", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token");
  await setNewPassword(page, uniquePassword());
  await expectAlert(page, "Invalid token");
});

e2e("reset password: a short password and a different confirmation", async ({ page }) => {
  await page.goto("/reset-password?token=whatever");
  await setNewPassword(page, "short", "other");
  // The contract leaves the wording to the page ("Password ..." or "New password ...").
  await expectFieldError(page, "New password", /must be at least 8 characters\./);
  await setNewPassword(page, "long-enough-1", "long-enough-2");
  await expectFieldError(page, "Confirm password", /do not match/);
  await expectPath(page, "/reset-password");
});
