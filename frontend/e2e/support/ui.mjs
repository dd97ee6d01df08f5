// What the specs do and check on the pages, by accessible names only (roles,
// labels, button and link names of /tmp/ui-contract.md), never CSS classes.
// playwright-core has no `expect`: the checks below wait (poll) until they
// hold or time out, with a message that says what was expected and found.

import assert from "node:assert/strict";

const TIMEOUT = Number(process.env.E2E_EXPECT_TIMEOUT_MS) || 10_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `check(value)` holds; throws `describe(value)` otherwise. */
export async function eventually(probe, check, describe, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    try {
      value = await probe();
      if (check(value)) return value;
    } catch (error) {
      value = error;
    }
    if (Date.now() > deadline) throw new assert.AssertionError({ message: describe(value) });
    await sleep(100);
  }
}

// --- finding things --------------------------------------------------------------

export const heading = (page, name, level = 1) =>
  page.getByRole("heading", { name, level, exact: true });
export const button = (scope, name) => scope.getByRole("button", { name, exact: true });
export const link = (scope, name) => scope.getByRole("link", { name, exact: true });
export const field = (scope, label) => scope.getByLabel(label, { exact: true });
export const dialog = (page, title) => page.getByRole("dialog", { name: title, exact: true });

// --- checks ----------------------------------------------------------------------------

export async function expectVisible(locator, what = String(locator)) {
  try {
    await locator.first().waitFor({ state: "visible", timeout: TIMEOUT });
  } catch {
    throw new assert.AssertionError({ message: `expected to see ${what}` });
  }
}

export async function expectHidden(locator, what = String(locator)) {
  try {
    await locator.first().waitFor({ state: "hidden", timeout: TIMEOUT });
  } catch {
    throw new assert.AssertionError({ message: `expected ${what} to be gone` });
  }
}

export async function expectHeading(page, name, level = 1) {
  await expectVisible(heading(page, name, level), `an h${level} "${name}"`);
}

/** The page's path (and, given, its search) becomes `pathname`. */
export async function expectPath(page, pathname) {
  await eventually(
    () => new URL(page.url()),
    (url) => url.pathname === pathname,
    (url) => `expected to be on ${pathname}, but the page is at ${url?.pathname ?? url}`,
  );
}

/** A success toast (role=status) with this text. */
export async function expectToast(page, text) {
  await expectVisible(
    page.getByRole("status").filter({ hasText: text }),
    `a toast (role=status) "${text}"`,
  );
}

/** An error toast or form alert (role=alert) with this text. */
export async function expectAlert(scope, text) {
  await eventually(
    () => scope.getByRole("alert").allInnerTexts(),
    (texts) => texts.some((t) => t.includes(text)),
    (texts) => `expected an alert (role=alert) "${text}"; alerts shown: ${JSON.stringify(texts)}`,
  );
}

/** The text an element's aria-describedby points at. */
function describedText(locator) {
  return locator.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

/**
 * The field labelled `label` shows `message` (a string it contains, or a
 * RegExp) as its error: it is aria-invalid, and the message is part of its
 * accessible description.
 */
export async function expectFieldError(scope, label, message) {
  const input = field(scope, label);
  await eventually(
    async () => ({
      invalid: await input.getAttribute("aria-invalid"),
      description: await describedText(input),
    }),
    (state) =>
      state.invalid === "true" &&
      (message instanceof RegExp
        ? message.test(state.description)
        : state.description.includes(message)),
    (state) =>
      `expected the field "${label}" to show "${message}" (aria-invalid + aria-describedby); ` +
      `found ${state instanceof Error ? state.message : JSON.stringify(state)}`,
  );
}

export async function expectNoFieldError(scope, label) {
  const input = field(scope, label);
  await eventually(
    () => input.getAttribute("aria-invalid"),
    (invalid) => invalid !== "true",
    () => `expected the field "${label}" to have no error`,
  );
}

/** The locator's text contains `text` (or matches the RegExp). */
export async function expectText(locator, text, what = String(locator)) {
  await eventually(
    () => locator.first().innerText(),
    (actual) => (text instanceof RegExp ? text.test(actual) : actual.includes(text)),
    (actual) => `expected ${what} to contain ${text}; it shows ${JSON.stringify(String(actual))}`,
  );
}

// --- doing things ----------------------------------------------------------------------

/** Fills and submits the /login form (opening /login first if needed). */
export async function submitLogin(page, { email, password }) {
  if (new URL(page.url(), "https://x").pathname !== "/login") await page.goto("/login");
  await expectHeading(page, "Log in");
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await button(page, "Log in").click();
}

/** Logs in through /login and waits to leave it. */
export async function login(page, user) {
  await submitLogin(page, user);
  await eventually(
    () => new URL(page.url()).pathname,
    (pathname) => pathname !== "/login",
    () => `expected to leave /login after logging in as ${user.email}`,
  );
}

/** Clicks "Log out" (behind "Menu" on a phone) and waits for /login. */
export async function logout(page) {
  const logOut = button(page, "Log out");
  if (!(await logOut.isVisible())) {
    const menu = button(page, "Menu");
    if (await menu.isVisible()) await menu.click();
  }
  await logOut.click();
  await expectPath(page, "/login");
}

/** Follows a link of the main navigation. */
export async function navigate(page, name) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const target = link(nav, name);
  if (!(await target.isVisible())) await button(page, "Menu").click();
  await target.click();
}
