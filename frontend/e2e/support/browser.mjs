// Debian's Chromium driven by playwright-core (`npx playwright install`
// cannot download browsers here, and none is needed): one browser per
// process, a fresh context per test, and a watch on the browser console.

import { chromium } from "playwright-core";
import { stack } from "./env.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

let browserPromise = null;

/** One browser per process (spec file), launched on first use. */
export function browser() {
  browserPromise ??= chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return browserPromise;
}

export async function closeBrowser() {
  if (browserPromise) {
    const launched = await browserPromise;
    browserPromise = null;
    await launched.close();
  }
}

/**
 * A fresh context (no cookies, no storage) on the proxy's origin. The
 * certificate is the self-signed one from scripts/make-certs.sh.
 */
export async function newContext(options = {}) {
  const context = await (
    await browser()
  ).newContext({
    baseURL: stack.baseURL,
    ignoreHTTPSErrors: true,
    viewport: DESKTOP,
    ...options,
  });
  context.setDefaultTimeout(Number(process.env.E2E_ACTION_TIMEOUT_MS) || 10_000);
  context.setDefaultNavigationTimeout(20_000);
  // Chromium reports CSP violations on the console already; this makes sure
  // each one is an error there, whatever the directive.
  // (This function runs in the page, hence globalThis.document.)
  await context.addInitScript(() => {
    globalThis.document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
          ` at ${event.sourceFile || "?"}:${event.lineNumber}`,
      );
    });
  });
  return context;
}

/**
 * An API answer of 4xx that a test provokes on purpose (a wrong password, a
 * duplicate email, a signed-out probe) makes Chromium log "Failed to load
 * resource: ... status of 4xx" on the console. Those are the application
 * working as designed; the page shows them, which the specs check. Anything
 * else on the console is an error of the page.
 */
function expectedNoise(message) {
  const url = message.location?.()?.url ?? "";
  return (
    /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) &&
    new URL(url, "https://x").pathname.startsWith("/api/")
  );
}

/** Watches a context: every console message, and the ones that fail the test. */
export function watchConsole(context) {
  const lines = [];
  const errors = [];
  context.on("console", (message) => {
    const where = message.location?.()?.url ?? "";
    const line = `[${message.type()}] ${message.text()}${where ? `  (${where})` : ""}`;
    lines.push(line);
    if (message.type() === "error" && !expectedNoise(message)) errors.push(line);
  });
  context.on("weberror", (webError) => {
    const line = `[pageerror] ${webError.error()?.stack ?? webError.error()}`;
    lines.push(line);
    errors.push(line);
  });
  return { lines, errors };
}
