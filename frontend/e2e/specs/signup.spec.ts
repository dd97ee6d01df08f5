// /signup: a new account, signed in at once; the form's checks; a taken email.
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
  toast,
} from "../fixtures/ui";

async function fillSignup(
  page: Page,
  {
    fullName = "",
    email,
    password,
    confirm = password,
  }: { fullName?: string; email: string; password: string; confirm?: string },
) {
  await page.goto("/signup");
  await expect(heading(page, "Create an account")).toBeVisible();
  await field(page, "Full name").fill(fullName);
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await field(page, "Confirm password").fill(confirm);
  await button(page, "Sign up").click();
}

test("signup: a new account lands on the dashboard with a welcome toast", async ({ page }) => {
  await fillSignup(page, {
    fullName: "Sam Signup",
    email: uniqueEmail("signup"),
    password: uniquePassword(),
  });
  await expect(page).toHaveURL(atPath("/"));
  await expect(toast(page, "Welcome! Your account is ready.")).toBeVisible();
  await expect(heading(page, "Hi, Sam Signup")).toBeVisible();
});

test("signup: a bad email, a short password, a different confirmation", async ({ page }) => {
  await fillSignup(page, { email: "not-an-email", password: "short", confirm: "other" });
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await expectFieldError(page, "Password", "Password must be at least 8 characters.");
  await expectFieldError(page, "Confirm password", "The passwords do not match.");
  await expect(page).toHaveURL(atPath("/signup"));

  // Fixing the password leaves only the confirmation wrong.
  await field(page, "Email").fill(uniqueEmail("signup-bad"));
  await field(page, "Password").fill("long-enough-1");
  await field(page, "Confirm password").fill("long-enough-2");
  await button(page, "Sign up").click();
  await expectFieldError(page, "Confirm password", "The passwords do not match.");
  await expect(page).toHaveURL(atPath("/signup"));
});

test("signup: an email already registered shows the API's detail", async ({ page, api }) => {
  const existing = await api.createUser({ tag: "signup-dup" });
  await fillSignup(page, { email: existing.email, password: uniquePassword() });
  await expect(alert(page, "The user with this email already exists in the system")).toBeVisible();
  await expect(page).toHaveURL(atPath("/signup"));
});

test("signup: the Log in link leads to /login", async ({ page }) => {
  await page.goto("/signup");
  await link(page, "Log in").click();
  await expect(page).toHaveURL(atPath("/login"));
  await expect(heading(page, "Log in")).toBeVisible();
});
