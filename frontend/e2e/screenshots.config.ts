// `make screenshots`: e2e/screenshots.ts on the suite's stack and settings,
// with a plain list as its report.
import { defineConfig } from "@playwright/test";
import suite from "../playwright.config";

export default defineConfig(suite, {
  testDir: ".",
  testMatch: "screenshots.ts",
  outputDir: "artifacts/screenshots-results",
  globalSetup: "./global-setup.ts",
  reporter: [["list"]],
});
