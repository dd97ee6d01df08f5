// /login and "Log out": credentials checked by the API, the session ended.
import { expect, test } from "../fixtures/test";
import {
  alert,
  atPath,
  button,
  expectFieldError,
  field,
  heading,
  login,
  logout,
  submitLogin,
} from "../fixtures/ui";

test("login: valid credentials land on the dashboard", async ({ page, api }) => {
  const user = await api.createUser({ tag: "login", fullName: "Lena Login" });
  await login(page, user);
  await expect(page).toHaveURL(atPath("/"));
  await expect(heading(page, "Hi, Lena Login")).toBeVisible();
});

test("login: a wrong password shows the API's detail", async ({ page, api }) => {
  const user = await api.createUser({ tag: "login-wrong" });
  await submitLogin(page, { email: user.email, password: `${user.password}-wrong` });
  await expect(alert(page, "Incorrect email or password")).toBeVisible();
  await expect(page).toHaveURL(atPath("/login"));
  await expect(heading(page, "Log in")).toBeVisible();
});

test("login: empty and malformed fields are refused before any request", async ({ page }) => {
  await page.goto("/login");
  await button(page, "Log in").click();
  await expectFieldError(page, "Email", "Email is required.");
  await expectFieldError(page, "Password", "Password is required.");
  await field(page, "Email").fill("not-an-email");
  await button(page, "Log in").click();
  await expectFieldError(page, "Email", "Enter a valid email address.");
  await expect(page).toHaveURL(atPath("/login"));
});

test("logout: revokes the session, lands on /login, and / then redirects there", async ({
  page,
  api,
}) => {
  const user = await api.createUser({ tag: "logout" });
  await login(page, user);
  await expect(page).toHaveURL(atPath("/"));
  const stored = await page.evaluate(() => globalThis.localStorage.getItem("app.session"));
  expect(stored, "the session in localStorage").not.toBeNull();
  const { refreshToken } = JSON.parse(stored as string);
  await logout(page);
  // The server ended the session: its refresh token no longer renews anything.
  await api.call("POST", "/login/refresh", {
    json: { refresh_token: refreshToken },
    expect: [401],
  });
  await expect(heading(page, "Log in")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(atPath("/login"));
  await expect(heading(page, "Log in")).toBeVisible();
});
