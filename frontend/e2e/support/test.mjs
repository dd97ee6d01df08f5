// `e2e()`: a node:test test with a fresh browser context and page. It fails
// on any browser console error, uncaught page error or CSP violation, and
// leaves a full-page screenshot (<test name>.png) and the URL, the error and
// the whole console (<test name>.txt) in e2e/artifacts/ when it fails.

import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { disposeApi } from "./api.mjs";
import { closeBrowser, newContext, watchConsole } from "./browser.mjs";
import { ARTIFACTS } from "./paths.mjs";

export function artifactName(name) {
  return name
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
}

async function saveFailure(name, page, browserConsole, error) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = path.join(ARTIFACTS, artifactName(name));
  let url = "(no page)";
  if (page && !page.isClosed()) {
    url = page.url();
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).catch((e) => {
      url += ` (screenshot failed: ${e.message})`;
    });
  }
  const report = [
    `test: ${name}`,
    `url: ${url}`,
    "",
    "error:",
    String(error?.stack ?? error),
    "",
    "console:",
    ...(browserConsole.lines.length ? browserConsole.lines : ["(empty)"]),
    "",
  ].join("\n");
  fs.writeFileSync(`${base}.txt`, report);
}

/**
 * Declares a test. `fn` receives { page, context, browserConsole }: a fresh
 * context with one page, and what its console showed. Options go to
 * node:test (timeout: 90 s by default), except `context`, for newContext().
 */
export function e2e(name, fn, options = {}) {
  const { context: contextOptions, ...testOptions } = options;
  test(name, { timeout: 90_000, ...testOptions }, async () => {
    const context = await newContext(contextOptions);
    const browserConsole = watchConsole(context);
    let page = null;
    try {
      page = await context.newPage();
      await fn({ page, context, browserConsole });
      if (browserConsole.errors.length) {
        throw new Error(
          `the browser console shows errors:\n  ${browserConsole.errors.join("\n  ")}`,
        );
      }
    } catch (error) {
      // The page the test ended on is the most useful picture.
      const last = context.pages().at(-1) ?? page;
      await saveFailure(name, last, browserConsole, error).catch(() => {});
      throw error;
    } finally {
      await context.close().catch(() => {});
    }
  });
}

after(async () => {
  await closeBrowser();
  await disposeApi();
});
