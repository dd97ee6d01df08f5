// /settings: profile, password (then a new login with it), deleting one's account.
import type { Page } from "@playwright/test";
import { uniqueEmail, uniquePassword } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import {
  alert,
  atPath,
  button,
  dialog,
  expectFieldError,
  field,
  heading,
  login,
  logout,
  submitLogin,
  toast,
} from "../fixtures/ui";
import type { Credentials } from "../stack/env";

async function openSettings(page: Page, user: Credentials) {
  await login(page, user);
  await page.goto("/settings");
  await expect(heading(page, "Settings")).toBeVisible();
  for (const section of ["Profile", "Password", "Danger zone"]) {
    await expect(heading(page, section, 2)).toBeVisible();
  }
}

async function changePassword(
  page: Page,
  { current, next, confirm = next }: { current: string; next: string; confirm?: string },
) {
  await field(page, "Current password").fill(current);
  await field(page, "New password").fill(next);
  await field(page, "Confirm new password").fill(confirm);
  await button(page, "Change password").click();
}

test("settings: update the full name and the email", async ({ page, api }) => {
  const user = await api.createUser({ tag: "profile", fullName: "Before Name" });
  await openSettings(page, user);
  const name = field(page, "Full name");
  const email = field(page, "Email");
  await expect(name).toHaveValue("Before Name");
  await expect(email).toHaveValue(user.email);
  const newEmail = uniqueEmail("profile-new");
  await name.fill("After Name");
  await email.fill(newEmail);
  await button(page, "Save profile").click();
  await expect(toast(page, "Profile updated")).toBeVisible();

  await page.goto("/");
  await expect(heading(page, "Hi, After Name")).toBeVisible();
  await logout(page);
  await login(page, { email: newEmail, password: user.password });
  await expect(page).toHaveURL(atPath("/"));
  await expect(heading(page, "Hi, After Name")).toBeVisible();
});

test("settings: an email change is undone with the link sent to the old address", async ({
  page,
  api,
  mail,
}) => {
  const user = await api.createUser({ tag: "revert" });
  await openSettings(page, user);
  const newEmail = uniqueEmail("revert-new");
  await field(page, "Email").fill(newEmail);
  await button(page, "Save profile").click();
  await expect(toast(page, "Profile updated")).toBeVisible();

  const url = await mail.link(user.email, "/revert-email");
  const next = uniquePassword();
  await page.goto(url);
  await expect(heading(page, "Undo the email change")).toBeVisible();
  await field(page, "New password").fill(next);
  await field(page, "Confirm password").fill(next);
  await button(page, "Restore my email").click();
  await expect(page).toHaveURL(atPath("/login"));
  await expect(
    toast(page, "Your email is back and every session has ended. Log in with the new password."),
  ).toBeVisible();

  await submitLogin(page, { email: newEmail, password: user.password });
  await expect(alert(page, "Incorrect email or password")).toBeVisible();
  await login(page, { email: user.email, password: next });
  await expect(page).toHaveURL(atPath("/"));
});

test("settings: an email already taken shows the API's detail", async ({ page, api }) => {
  const user = await api.createUser({ tag: "profile-taken" });
  const other = await api.createUser({ tag: "profile-other" });
  await openSettings(page, user);
  await field(page, "Email").fill(other.email);
  await button(page, "Save profile").click();
  await expect(alert(page, "User with this email already exists")).toBeVisible();
});

test("settings: change the password, log out, log in with the new one", async ({ page, api }) => {
  const user = await api.createUser({ tag: "password" });
  const next = uniquePassword();
  await openSettings(page, user);
  await changePassword(page, { current: user.password, next });
  await expect(toast(page, "Password changed")).toBeVisible();

  await logout(page);
  await submitLogin(page, user); // the old password
  await expect(alert(page, "Incorrect email or password")).toBeVisible();
  await login(page, { email: user.email, password: next });
  await expect(page).toHaveURL(atPath("/"));
});

test("settings: a wrong current password, or the same one again, shows the API's detail", async ({
  page,
  api,
}) => {
  const user = await api.createUser({ tag: "password-bad" });
  await openSettings(page, user);
  await changePassword(page, { current: `${user.password}-wrong`, next: uniquePassword() });
  await expect(alert(page, "Incorrect password")).toBeVisible();

  await changePassword(page, { current: user.password, next: user.password });
  await expect(alert(page, "New password cannot be the same as the current one")).toBeVisible();
});

test("settings: a short new password and a different confirmation", async ({ page, api }) => {
  const user = await api.createUser({ tag: "password-rules" });
  await openSettings(page, user);
  await changePassword(page, { current: user.password, next: "short", confirm: "other" });
  // The contract leaves the wording to the page ("Password ..." or "New password ...").
  await expectFieldError(page, "New password", /must be at least 8 characters\./);
  await changePassword(page, {
    current: user.password,
    next: "long-enough-1",
    confirm: "long-enough-2",
  });
  await expectFieldError(page, "Confirm new password", /do not match/);
});

test("settings: delete my account, then it cannot log in", async ({ page, api }) => {
  const user = await api.createUser({ tag: "delete-me" });
  await openSettings(page, user);
  const confirm = dialog(page, "Delete account");
  await button(page, "Delete account").click();
  await button(confirm, "Cancel").click();
  await expect(heading(page, "Settings")).toBeVisible();

  await button(page, "Delete account").click();
  await button(confirm, "Delete my account").click();
  await expect(page).toHaveURL(atPath("/login"));
  await expect(toast(page, "Your account has been deleted.")).toBeVisible();
  await submitLogin(page, user);
  await expect(alert(page, "Incorrect email or password")).toBeVisible();
});

test("settings: a superuser cannot delete their own account", async ({ page, stack }) => {
  await openSettings(page, stack.superuser);
  await button(page, "Delete account").click();
  await button(dialog(page, "Delete account"), "Delete my account").click();
  await expect(alert(page, "Super users are not allowed to delete themselves")).toBeVisible();
  await expect(page).toHaveURL(atPath("/settings"));
});
