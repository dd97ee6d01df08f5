// Undoing a stack: its processes, database, Redis keys and temp directory,
// keeping the process logs and the received mail in e2e/artifacts/logs. It
// runs once per stack whoever asks first (the global teardown, a failed
// start, a signal). Ctrl-C is Playwright's: it stops the tests and runs the
// global teardown. SIGTERM and SIGHUP, which would end the runner at once,
// clean up here first. Nothing runs on SIGKILL: the next run sweeps the
// database and the Redis keys (stores.mjs).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Run } from "./stores.mjs";
import { LOGS } from "./paths";
import { log, type ProcessGroup, stopProcesses } from "./processes";
import { deleteRedisKeys, dropDatabase } from "./stores.mjs";

export interface StackState extends ProcessGroup {
  root: string;
  run: Run | null;
}

const stopHooks = new Set<() => Promise<void>>();
let handlersInstalled = false;

export function installSignalHandlers(stop: () => Promise<void>): void {
  stopHooks.add(stop);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    process.on(signal, async () => {
      log(`${signal}: cleaning up ...`);
      for (const hook of stopHooks) await hook();
      process.exit(128 + (os.constants.signals[signal] ?? 1));
    });
  }
}

/** Undoes startStack; every caller awaits the same cleanup. */
export function stopStack(state: StackState, hook: () => Promise<void>): Promise<void> {
  state.stopping ??= cleanUp(state).finally(() => stopHooks.delete(hook));
  return state.stopping;
}

async function cleanUp(state: StackState): Promise<void> {
  await stopProcesses(state);
  const { run } = state;
  if (run) {
    attempt(`drop ${run.dbName}`, () => dropDatabase(run.dbName));
    attempt(`delete Redis keys ${run.redisPrefix}*`, () => deleteRedisKeys(run.redisPrefix));
    // Last: until the lock goes, no other run's sweep touches the above.
    await run.end();
  }
  keepLogs(state);
  fs.rmSync(state.root, { recursive: true, force: true });
}

function attempt(what: string, action: () => unknown): void {
  try {
    action();
  } catch (error) {
    log(`could not ${what}: ${error instanceof Error ? error.message : error}`);
  }
}

/** Copies the process logs and the received mail to e2e/artifacts/logs. */
function keepLogs(state: StackState): void {
  fs.rmSync(LOGS, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });
  fs.cpSync(state.logs, LOGS, { recursive: true });
  const mail = path.join(state.root, "mail");
  if (fs.existsSync(mail)) fs.cpSync(mail, path.join(LOGS, "mail"), { recursive: true });
  log(`process logs in ${path.relative(process.cwd(), LOGS) || LOGS}`);
}
