// /login and "Log out": credentials checked by the API, the session ended.
import { call, createUser } from "../support/api.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  expectAlert,
  expectFieldError,
  expectHeading,
  expectPath,
  field,
  login,
  logout,
  submitLogin,
} from "../support/ui.mjs";

e2e("login: valid credentials land on the dashboard", async ({ page }) => {
  const user = await createUser({ tag: "login", fullName: "Lena Login" });
  await login(page, user);
  await expectPath(page, "/");
  await expectHeading(page, "Hi, Lena Login");
});

e2e("login: a wrong password shows the API's detail", async ({ page }) => {
  const user = await createUser({ tag: "login-wrong" });
  await submitLogin(page, { email: user.email, password: `${user.password}-wrong` });
  await expectAlert(page, "Incorrect email or password");
  await expectPath(page, "/login");
  await expectHeading(page, "Log in");
});

e2e("login: empty and malformed fields are refused before any request", async ({ page }) => {
  await page.goto("/login");
  await button(page, "Log in").click();
  await expectFieldError(page, "Email", "Email is required.");
  await expectFieldError(page, "Password", "Password is required.");
  await field(page, "Email").fill("not-an-email");
  await button(page, "Log in").click();
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await expectPath(page, "/login");
});

e2e(
  "logout: revokes the session, lands on /login, and / then redirects there",
  async ({ page }) => {
    const user = await createUser({ tag: "logout" });
    await login(page, user);
    await expectPath(page, "/");
    const stored = await page.evaluate(() => globalThis.localStorage.getItem("app.session"));
    const { refreshToken } = JSON.parse(stored);
    await logout(page);
    // The server ended the session: its refresh token no longer renews anything.
    await call("POST", "/login/refresh", { json: { refresh_token: refreshToken }, expect: [401] });
    await expectHeading(page, "Log in");
    await page.goto("/");
    await expectPath(page, "/login");
    await expectHeading(page, "Log in");
  },
);
