// What a client written for the FastAPI full-stack template sees of the API
// from a browser, where it used to differ: no email on sign-up, a pre-flight
// the browser may reuse for 10 minutes, and a 422 for a login with no body.
// (The template's error texts are checked where the pages show them:
// password-recovery.spec.ts, admin.spec.ts.)
import { uniqueEmail, uniquePassword } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import { atPath, button, field, link, logout } from "../fixtures/ui";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("compat: after signing up, the recovery email is the only email", async ({ page, mail }) => {
  const user = { email: uniqueEmail("compat-signup"), password: uniquePassword() };
  await page.goto("/signup");
  await field(page, "Email").fill(user.email);
  await field(page, "Password").fill(user.password);
  await field(page, "Confirm password").fill(user.password);
  await button(page, "Sign up").click();
  await expect(page).toHaveURL(atPath("/"));

  await logout(page);
  await link(page, "Forgot your password?").click();
  await field(page, "Email").fill(user.email);
  await button(page, "Send reset link").click();
  await expect(page.getByText(/we have sent a link/)).toBeVisible();
  await mail.resetLink(user.email);
  // The sign-up came first: a new-account email would be here by now.
  expect(mail.to(user.email), `emails to ${user.email}`).toHaveLength(1);
});

test.describe(() => {
  // The SPA's Content-Security-Policy lets its pages call their own origin
  // only; a template client on another origin has its own policy.
  test.use({ bypassCSP: true });

  test("compat: a cross-origin client's pre-flight is reused, not repeated", async ({
    page,
    context,
    api,
    stack,
  }) => {
    const token = await api.accessToken(await api.createUser({ tag: "compat-cors" }));
    // Every pre-flight the browser sends, as its network events report them.
    const preflights: string[] = [];
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    cdp.on("Network.responseReceived", (event) => {
      if (event.type === "Preflight") preflights.push(event.response.url);
    });
    // A page on the allowed origin (https://localhost:<port>) calls the API
    // on another origin (the same proxy as https://127.0.0.1:<port>); the
    // Authorization header needs a pre-flight.
    await page.goto("/login");
    const url = new URL("/api/v1/users/me", stack.baseURL);
    url.hostname = "127.0.0.1";
    const readMe = () =>
      page.evaluate(
        async ({ href, bearer }) =>
          (await fetch(href, { headers: { Authorization: `Bearer ${bearer}` } })).status,
        { href: url.href, bearer: token },
      );
    expect(await readMe()).toBe(200);
    // Past Chromium's 5 s default: only Access-Control-Max-Age keeps it.
    await sleep(6_000);
    expect(await readMe()).toBe(200);
    expect(preflights, "one pre-flight for both requests").toEqual([url.href]);
  });
});

test("compat: a login with no body is a 422 naming both fields", async ({ page }) => {
  await page.goto("/login");
  const answers = await page.evaluate(async () => {
    const login = async (init: RequestInit) => {
      const response = await fetch("/api/v1/login/access-token", { method: "POST", ...init });
      return { status: response.status, body: await response.json() };
    };
    // No body and no Content-Type; an empty form.
    return [await login({}), await login({ body: new URLSearchParams() })];
  });
  for (const { status, body } of answers) {
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body.errors.map((error: { field: string }) => error.field)).toEqual([
      "username",
      "password",
    ]);
  }
});
