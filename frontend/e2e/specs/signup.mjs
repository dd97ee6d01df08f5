// /signup: a new account, signed in at once; the form's checks; a taken email.
import { createUser, uniqueEmail, uniquePassword } from "../support/api.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  expectAlert,
  expectFieldError,
  expectHeading,
  expectPath,
  expectToast,
  field,
  link,
} from "../support/ui.mjs";

async function fillSignup(page, { fullName = "", email, password, confirm = password }) {
  await page.goto("/signup");
  await expectHeading(page, "Create an account");
  await field(page, "Full name").fill(fullName);
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await field(page, "Confirm password").fill(confirm);
  await button(page, "Sign up").click();
}

e2e("signup: a new account lands on the dashboard with a welcome toast", async ({ page }) => {
  await fillSignup(page, {
    fullName: "Sam Signup",
    email: uniqueEmail("signup"),
    password: uniquePassword(),
  });
  await expectPath(page, "/");
  await expectToast(page, "Welcome! Your account is ready.");
  await expectHeading(page, "Hi, Sam Signup");
});

e2e("signup: a bad email, a short password, a different confirmation", async ({ page }) => {
  await fillSignup(page, { email: "not-an-email", password: "short", confirm: "other" });
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await expectFieldError(page, "Password", "Password must be at least 8 characters.");
  await expectFieldError(page, "Confirm password", "The passwords do not match.");
  await expectPath(page, "/signup");

  // Fixing the password leaves only the confirmation wrong.
  await field(page, "Email").fill(uniqueEmail("signup-bad"));
  await field(page, "Password").fill("long-enough-1");
  await field(page, "Confirm password").fill("long-enough-2");
  await button(page, "Sign up").click();
  await expectFieldError(page, "Confirm password", "The passwords do not match.");
  await expectPath(page, "/signup");
});

e2e("signup: an email already registered shows the API's detail", async ({ page }) => {
  const existing = await createUser({ tag: "signup-dup" });
  await fillSignup(page, { email: existing.email, password: uniquePassword() });
  await expectAlert(page, "The user with this email already exists in the system");
  await expectPath(page, "/signup");
});

e2e("signup: the Log in link leads to /login", async ({ page }) => {
  await page.goto("/signup");
  await link(page, "Log in").click();
  await expectPath(page, "/login");
  await expectHeading(page, "Log in");
});
