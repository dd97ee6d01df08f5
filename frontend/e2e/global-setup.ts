// Playwright's global setup: the stack (stack/stack.ts) starts once per run,
// before any worker, and the teardown it returns stops it after the last
// test (on Ctrl-C too). The workers find it through the environment
// (stack/env.ts).

import { exportStack } from "./stack/env";
import { startStack } from "./stack/stack";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  exportStack(stack);
  return () => stack.stop();
}
