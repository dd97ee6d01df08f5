// The end-to-end suite (e2e/README.md): Debian's Chromium drives the built SPA
// through the project's reverse proxy, in front of the release API, the
// worker and a real SMTP server, all started once per run by the global
// setup (e2e/global-setup.ts).
//
//   npx playwright test                  every spec (make test-e2e)
//   npx playwright test specs/items      the spec files whose path matches
//   npx playwright test --grep "delete"  the tests whose title matches
//   npx playwright test --ui             UI mode: pick, watch, time-travel
//   npx playwright show-report e2e/artifacts/report

import { defineConfig } from "@playwright/test";
import { DESKTOP } from "./e2e/fixtures/viewports";

// GitHub Actions (and most CI services) set CI.
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e/specs",
  testMatch: "*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // Per test: screenshots, traces, error context (emptied at each run).
  outputDir: "e2e/artifacts/test-results",
  // One test at a time by default, as the stack is one API on a 2-core
  // laptop; the tests are independent (data of their own), so --workers=N works.
  workers: 1,
  // Locally a failure is a failure. In CI a failed test runs once more, so a
  // real regression (fails twice) is told apart from a flaky test (passes on
  // the retry): the run passes, but the list, the summary line
  // ("e2e: ..., 1 flaky") and the HTML report name it, with the failed
  // attempt's trace, and GitHub annotates the line that failed.
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { outputFolder: "e2e/artifacts/report", open: "never" }],
    ["./e2e/summary-reporter.ts"],
    ...(process.env.GITHUB_ACTIONS ? [["github"] as ["github"]] : []),
  ],
  use: {
    browserName: "chromium",
    headless: true,
    // No browser download: Debian's Chromium (make test-system-deps).
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
    // The proxy's certificate is the self-signed one from scripts/make-certs.sh.
    ignoreHTTPSErrors: true,
    viewport: DESKTOP,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    screenshot: { mode: "only-on-failure", fullPage: true },
    trace: "retain-on-failure",
  },
});
