// The run's last line, in the form make test-e2e has always printed and
// CI reads (.ci/run greps `^e2e: N passed`):
//
//   e2e: 47 passed, 0 failed (13 spec files, 1 worker, 98.2 s)
//
// then the failed and the flaky tests by name. A flaky test (failed, then
// passed on a retry) counts as passed and is named. Playwright's own list
// and HTML reporters say the rest.

import type { FullConfig, FullResult, Reporter, Suite, TestCase } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private suite: Suite | null = null;
  private workers = 1;
  private errors = 0;
  private started = 0;

  onBegin(config: FullConfig, suite: Suite): void {
    this.suite = suite;
    this.workers = config.workers;
  }

  onError(): void {
    this.errors += 1;
  }

  onTestBegin(): void {
    this.started += 1;
  }

  printsToStdio(): boolean {
    return true;
  }

  onEnd(result: FullResult): void {
    // Nothing ran (npx playwright test --list): nothing to sum up.
    if (!this.started && !this.errors) return;
    const tests = this.suite?.allTests() ?? [];
    const outcome = (wanted: ReturnType<TestCase["outcome"]>) =>
      tests.filter((test) => test.outcome() === wanted);
    const failed = outcome("unexpected");
    const flaky = outcome("flaky");
    const passed = outcome("expected").length + flaky.length;
    const skipped = outcome("skipped").length;
    const files = new Set(tests.map((test) => test.location.file)).size;

    const counts = [`${passed} passed`, `${failed.length} failed`];
    if (flaky.length) counts.push(`${flaky.length} flaky`);
    if (skipped) counts.push(`${skipped} skipped or not run`);
    if (this.errors)
      counts.push(`${this.errors} error${this.errors === 1 ? "" : "s"} outside the tests`);
    const seconds = (result.duration / 1000).toFixed(1);
    const workers = `${this.workers} worker${this.workers === 1 ? "" : "s"}`;
    console.log(`\ne2e: ${counts.join(", ")} (${files} spec files, ${workers}, ${seconds} s)`);
    for (const test of failed) console.log(`  ✖ ${title(test)}`);
    for (const test of flaky) console.log(`  ~ ${title(test)} (flaky: passed on a retry)`);
    if (failed.length || flaky.length || this.errors) {
      console.log(
        "screenshots, traces and browser consoles: npx playwright show-report e2e/artifacts/report",
      );
    }
  }
}

function title(test: TestCase): string {
  return test.titlePath().filter(Boolean).join(" › ");
}
