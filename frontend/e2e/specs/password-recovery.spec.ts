// /recover-password and /reset-password, with the link from the email the
// worker really sent through SMTP (the stack's SMTP server stores it).
import type { Page } from "@playwright/test";
import { uniqueEmail, uniquePassword } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import {
  alert,
  atPath,
  button,
  expectFieldError,
  field,
  heading,
  link,
  login,
  submitLogin,
  toast,
} from "../fixtures/ui";

const SENT = "If an account exists for that address, we have sent a link to reset its password.";

async function requestLink(page: Page, email: string) {
  await page.goto("/login");
  await link(page, "Forgot your password?").click();
  await expect(page).toHaveURL(atPath("/recover-password"));
  await expect(heading(page, "Recover your password")).toBeVisible();
  await field(page, "Email").fill(email);
  await button(page, "Send reset link").click();
  await expect(page.getByText(SENT)).toBeVisible();
}

async function setNewPassword(page: Page, password: string, confirm = password) {
  await expect(heading(page, "Set a new password")).toBeVisible();
  await field(page, "New password").fill(password);
  await field(page, "Confirm password").fill(confirm);
  await button(page, "Reset password").click();
}

test("password recovery: the emailed link sets a new password", async ({ page, api, mail }) => {
  const user = await api.createUser({ tag: "recover" });
  await requestLink(page, user.email);
  await expect(field(page, "Email"), "the form is replaced by the message").toHaveCount(0);

  const url = await mail.resetLink(user.email);
  const next = uniquePassword();
  await page.goto(url);
  await setNewPassword(page, next);
  await expect(page).toHaveURL(atPath("/login"));
  await expect(toast(page, "Your password has been reset. Log in with the new one.")).toBeVisible();

  await submitLogin(page, user); // the old password
  await expect(alert(page, "Incorrect email or password")).toBeVisible();
  await login(page, { email: user.email, password: next });
  await expect(page).toHaveURL(atPath("/"));
});

test("password recovery: a link works once", async ({ page, api, mail }) => {
  const user = await api.createUser({ tag: "recover-once" });
  await requestLink(page, user.email);
  const url = await mail.resetLink(user.email);
  await page.goto(url);
  await setNewPassword(page, uniquePassword());
  await expect(page).toHaveURL(atPath("/login"));

  await page.goto(url);
  await setNewPassword(page, uniquePassword());
  await expect(alert(page, "Invalid token")).toBeVisible();
  await expect(page).toHaveURL(atPath("/reset-password"));
});

test("password recovery: an unknown address gets the same answer", async ({ page }) => {
  await requestLink(page, uniqueEmail("nobody"));
});

test("password recovery: an empty or malformed email is refused", async ({ page }) => {
  await page.goto("/recover-password");
  await button(page, "Send reset link").click();
  await expectFieldError(page, "Email", "Email is required.");
  await field(page, "Email").fill("not-an-email");
  await button(page, "Send reset link").click();
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await link(page, "Back to log in").click();
  await expect(page).toHaveURL(atPath("/login"));
});

test("reset password: no token in the link", async ({ page }) => {
  await page.goto("/reset-password");
  await expect(alert(page, "This reset link is invalid or incomplete.")).toBeVisible();
  await link(page, "Request a new link").click();
  await expect(page).toHaveURL(atPath("/recover-password"));
});

test("reset password: a made-up token shows the API's detail", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token");
  await setNewPassword(page, uniquePassword());
  await expect(alert(page, "Invalid token")).toBeVisible();
});

test("reset password: a short password and a different confirmation", async ({ page }) => {
  await page.goto("/reset-password?token=whatever");
  await setNewPassword(page, "short", "other");
  // The contract leaves the wording to the page ("Password ..." or "New password ...").
  await expectFieldError(page, "New password", /must be at least 8 characters\./);
  await setNewPassword(page, "long-enough-1", "long-enough-2");
  await expectFieldError(page, "Confirm password", /do not match/);
  await expect(page).toHaveURL(atPath("/reset-password"));
});
