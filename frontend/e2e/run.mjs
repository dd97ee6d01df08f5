// The end-to-end suite: the real API, worker, SMTP server, the SPA's nginx
// and the project's reverse proxy, started natively on free ports (see
// support/stack.mjs), and Debian's Chromium driven through them by the specs
// in specs/*.mjs (node:test + playwright-core).
//
//   npm run e2e                       # every spec
//   npm run e2e -- items admin        # specs whose file name contains a filter
//   E2E_SKIP_BUILD=1 npm run e2e      # serve the existing dist/ (no npm run build)
//   E2E_CONCURRENCY=2 npm run e2e     # spec files at once (default 1)
//
// Exit status 0 when every test passed. On a failure: e2e/artifacts/<test>.png
// (full page) and <test>.txt (URL, error, browser console), and the log of
// every process in e2e/artifacts/logs/.

import fs from "node:fs";
import path from "node:path";
import { run } from "node:test";
import { spec as SpecReporter } from "node:test/reporters";
import { finished } from "node:stream/promises";
import { exportStack } from "./support/env.mjs";
import { ARTIFACTS, E2E } from "./support/paths.mjs";
import { startStack } from "./support/stack.mjs";

const started = Date.now();
const filters = process.argv.slice(2);
const specDir = path.join(E2E, "specs");
const files = fs
  .readdirSync(specDir)
  .filter((name) => name.endsWith(".mjs"))
  .filter((name) => !filters.length || filters.some((filter) => name.includes(filter)))
  .sort()
  .map((name) => path.join(specDir, name));
if (!files.length) {
  console.error(`no spec in e2e/specs matches ${filters.join(", ")}`);
  process.exit(2);
}

// A previous run's failures are not this run's (screenshots/ is screenshots.mjs's).
fs.mkdirSync(ARTIFACTS, { recursive: true });
for (const name of fs.readdirSync(ARTIFACTS)) {
  if (name !== "screenshots")
    fs.rmSync(path.join(ARTIFACTS, name), { recursive: true, force: true });
}

const stack = await startStack();
let exitCode = 1;
const failures = [];
let passed = 0;
try {
  // Spec processes inherit the environment: that is how they find the stack.
  exportStack(stack);
  const stream = run({
    files,
    concurrency: Number(process.env.E2E_CONCURRENCY) || 1,
    timeout: 15 * 60_000,
  });
  // Counts tests, not the subtests' parents: an event is a leaf unless a
  // deeper one came just before it.
  const hadChild = [];
  const count = (event, ok) => {
    const { nesting, name } = event;
    const leaf = !hadChild[nesting + 1];
    hadChild[nesting + 1] = false;
    hadChild[nesting] = true;
    if (!leaf) return;
    if (ok) passed += 1;
    else failures.push(name);
  };
  stream.on("test:pass", (event) => count(event, true));
  stream.on("test:fail", (event) => count(event, false));
  stream.compose(new SpecReporter()).pipe(process.stdout);
  await finished(stream);
  exitCode = failures.length ? 1 : 0;
} finally {
  await stack.stop({ failed: exitCode !== 0 });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\ne2e: ${passed} passed, ${failures.length} failed (${files.length} spec files, ${seconds} s)`,
);
for (const failure of failures) console.log(`  ✖ ${failure}`);
if (failures.length)
  console.log(`screenshots, URLs and consoles in ${path.relative(process.cwd(), ARTIFACTS)}/`);
process.exit(exitCode);
