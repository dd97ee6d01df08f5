// Undoing a stack: its processes, database, Redis keys and temp directory,
// keeping the logs (and mail) in e2e/artifacts/logs after a failure. It runs
// once per stack whoever asks first (the runner, a failed start, a signal),
// and Ctrl-C / SIGTERM / SIGHUP ask for every stack still running.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS } from "./paths.mjs";
import { log, stopProcesses } from "./processes.mjs";
import { deleteRedisKeys, dropDatabase } from "./stores.mjs";

let handlersInstalled = false;
const stopHooks = new Set();

export function installSignalHandlers(stop) {
  stopHooks.add(stop);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, async () => {
      log(`${signal}: cleaning up ...`);
      for (const hook of stopHooks) await hook({ failed: true });
      process.exit(128 + (os.constants.signals[signal] ?? 1));
    });
  }
}

/** Undoes startStack; every caller (the runner, a signal) awaits the same cleanup. */
export function stopStack(state, options) {
  state.stopping ??= cleanUp(state, options);
  return state.stopping;
}

async function cleanUp(state, { failed = false } = {}) {
  await stopProcesses(state);
  if (state.dbName) {
    try {
      dropDatabase(state.dbName);
    } catch (error) {
      log(`could not drop ${state.dbName}: ${error.message}`);
    }
  }
  if (state.redisPrefix) {
    try {
      deleteRedisKeys(state.redisPrefix);
    } catch (error) {
      log(`could not delete Redis keys ${state.redisPrefix}*: ${error.message}`);
    }
  }
  if (failed) keepLogs(state);
  fs.rmSync(state.root, { recursive: true, force: true });
  stopHooks.delete(state.hook);
}

/** Copies the process logs and the received mail to e2e/artifacts/logs. */
function keepLogs(state) {
  const target = path.join(ARTIFACTS, "logs");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.cpSync(state.logs, target, { recursive: true });
  const mail = path.join(state.root, "mail");
  if (fs.existsSync(mail)) fs.cpSync(mail, path.join(target, "mail"), { recursive: true });
  log(`process logs kept in ${path.relative(process.cwd(), target) || target}`);
}
