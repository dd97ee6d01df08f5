// /settings: profile, password (then a new login with it), deleting one's account.
import { createUser, uniqueEmail, uniquePassword } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { waitForLink } from "../support/mail.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  dialog,
  expectAlert,
  expectFieldError,
  expectHeading,
  expectPath,
  expectToast,
  field,
  login,
  logout,
  submitLogin,
} from "../support/ui.mjs";

async function openSettings(page, user) {
  await login(page, user);
  await page.goto("/settings");
  await expectHeading(page, "Settings");
  for (const section of ["Profile", "Password", "Danger zone"]) {
    await expectHeading(page, section, 2);
  }
}

async function changePassword(page, { current, next, confirm = next }) {
  await field(page, "Current password").fill(current);
  await field(page, "New password").fill(next);
  await field(page, "Confirm new password").fill(confirm);
  await button(page, "Change password").click();
}

e2e("settings: update the full name and the email", async ({ page }) => {
  const user = await createUser({ tag: "profile", fullName: "Before Name" });
  await openSettings(page, user);
  const name = field(page, "Full name");
  const email = field(page, "Email");
  if ((await name.inputValue()) !== "Before Name" || (await email.inputValue()) !== user.email) {
    throw new Error(
      `the profile form holds ${await name.inputValue()} / ${await email.inputValue()}`,
    );
  }
  const newEmail = uniqueEmail("profile-new");
  await name.fill("After Name");
  await email.fill(newEmail);
  await button(page, "Save profile").click();
  await expectToast(page, "Profile updated");

  await page.goto("/");
  await expectHeading(page, "Hi, After Name");
  await logout(page);
  await login(page, { email: newEmail, password: user.password });
  await expectPath(page, "/");
  await expectHeading(page, "Hi, After Name");
});

e2e(
  "settings: an email change is undone with the link sent to the old address",
  async ({ page }) => {
    const user = await createUser({ tag: "revert" });
    await openSettings(page, user);
    const newEmail = uniqueEmail("revert-new");
    await field(page, "Email").fill(newEmail);
    await button(page, "Save profile").click();
    await expectToast(page, "Profile updated");

    const url = await waitForLink(user.email, stack.baseURL, "/revert-email");
    const next = uniquePassword();
    await page.goto(url);
    await expectHeading(page, "Undo the email change");
    await field(page, "New password").fill(next);
    await field(page, "Confirm password").fill(next);
    await button(page, "Restore my email").click();
    await expectPath(page, "/login");
    await expectToast(
      page,
      "Your email is back and every session has ended. Log in with the new password.",
    );

    await submitLogin(page, { email: newEmail, password: user.password });
    await expectAlert(page, "Incorrect email or password");
    await login(page, { email: user.email, password: next });
    await expectPath(page, "/");
  },
);

e2e("settings: an email already taken shows the API's detail", async ({ page }) => {
  const user = await createUser({ tag: "profile-taken" });
  const other = await createUser({ tag: "profile-other" });
  await openSettings(page, user);
  await field(page, "Email").fill(other.email);
  await button(page, "Save profile").click();
  await expectAlert(page, "User with this email already exists");
});

e2e("settings: change the password, log out, log in with the new one", async ({ page }) => {
  const user = await createUser({ tag: "password" });
  const next = uniquePassword();
  await openSettings(page, user);
  await changePassword(page, { current: user.password, next });
  await expectToast(page, "Password changed");

  await logout(page);
  await submitLogin(page, user); // the old password
  await expectAlert(page, "Incorrect email or password");
  await login(page, { email: user.email, password: next });
  await expectPath(page, "/");
});

e2e(
  "settings: a wrong current password, or the same one again, shows the API's detail",
  async ({ page }) => {
    const user = await createUser({ tag: "password-bad" });
    await openSettings(page, user);
    await changePassword(page, { current: `${user.password}-wrong`, next: uniquePassword() });
    await expectAlert(page, "Incorrect password");

    await changePassword(page, { current: user.password, next: user.password });
    await expectAlert(page, "New password cannot be the same as the current one");
  },
);

e2e("settings: a short new password and a different confirmation", async ({ page }) => {
  const user = await createUser({ tag: "password-rules" });
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

e2e("settings: delete my account, then it cannot log in", async ({ page }) => {
  const user = await createUser({ tag: "delete-me" });
  await openSettings(page, user);
  await button(page, "Delete account").click();
  let confirm = dialog(page, "Delete account");
  await button(confirm, "Cancel").click();
  await expectHeading(page, "Settings");

  await button(page, "Delete account").click();
  confirm = dialog(page, "Delete account");
  await button(confirm, "Delete my account").click();
  await expectPath(page, "/login");
  await expectToast(page, "Your account has been deleted.");
  await submitLogin(page, user);
  await expectAlert(page, "Incorrect email or password");
});

e2e("settings: a superuser cannot delete their own account", async ({ page }) => {
  await openSettings(page, stack.superuser);
  await button(page, "Delete account").click();
  await button(dialog(page, "Delete account"), "Delete my account").click();
  await expectAlert(page, "Super users are not allowed to delete themselves");
  await expectPath(page, "/settings");
});
