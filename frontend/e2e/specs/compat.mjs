// What a client written for the FastAPI full-stack template sees of the API
// from a browser, where it used to differ: no email on sign-up, a pre-flight
// the browser may reuse for 10 minutes, and a 422 for a login with no body.
// (The template's error texts are checked where the pages show them:
// password-recovery.mjs, admin.mjs.)
import assert from "node:assert/strict";
import { accessToken, createUser, uniqueEmail, uniquePassword } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { emailsTo, waitForResetLink } from "../support/mail.mjs";
import { e2e } from "../support/test.mjs";
import { button, expectPath, expectVisible, field, link, logout } from "../support/ui.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

e2e("compat: after signing up, the recovery email is the only email", async ({ page }) => {
  const user = { email: uniqueEmail("compat-signup"), password: uniquePassword() };
  await page.goto("/signup");
  await field(page, "Email").fill(user.email);
  await field(page, "Password").fill(user.password);
  await field(page, "Confirm password").fill(user.password);
  await button(page, "Sign up").click();
  await expectPath(page, "/");

  await logout(page);
  await link(page, "Forgot your password?").click();
  await field(page, "Email").fill(user.email);
  await button(page, "Send reset link").click();
  await expectVisible(page.getByText(/we have sent a link/), "the recovery answer");
  await waitForResetLink(user.email, stack.baseURL);
  // The sign-up came first: a new-account email would be here by now.
  const received = emailsTo(user.email);
  assert.equal(received.length, 1, `emails to ${user.email}: ${received.length}`);
});

e2e(
  "compat: a cross-origin client's pre-flight is reused, not repeated",
  async ({ page, context }) => {
    const token = await accessToken(await createUser({ tag: "compat-cors" }));
    // Every pre-flight the browser sends, as its network events report them.
    const preflights = [];
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
    assert.equal(await readMe(), 200);
    // Past Chromium's 5 s default: only Access-Control-Max-Age keeps it.
    await sleep(6_000);
    assert.equal(await readMe(), 200);
    assert.deepEqual(preflights, [url.href], "one pre-flight for both requests");
  },
  // The SPA's Content-Security-Policy lets its pages call their own origin
  // only; a template client on another origin has its own policy.
  { context: { bypassCSP: true } },
);

e2e("compat: a login with no body is a 422 naming both fields", async ({ page }) => {
  await page.goto("/login");
  const answers = await page.evaluate(async () => {
    const login = async (init) => {
      const response = await fetch("/api/v1/login/access-token", { method: "POST", ...init });
      return { status: response.status, body: await response.json() };
    };
    // No body and no Content-Type; an empty form.
    return [await login({}), await login({ body: new URLSearchParams() })];
  });
  for (const { status, body } of answers) {
    assert.equal(status, 422, JSON.stringify(body));
    assert.deepEqual(
      body.errors.map((error) => error.field),
      ["username", "password"],
    );
  }
});
