// The whole application, natively, on free ports, for the e2e suite and the
// screenshots (the same approach as tests/nginx/conftest.py):
//
//   PostgreSQL  a fresh database (created here, dropped at the end)
//   Redis       a unique REDIS_KEY_PREFIX (its keys deleted at the end)
//   SMTP        backend/tests/smtp_server.py, storing each message as <n>.json
//   API         backend/target/release/app serve (built when missing or stale)
//   worker      app worker (sends the emails through the SMTP server above)
//   nginx       one Debian nginx process (never the system service) running the
//               project's reverse proxy (nginx/, rendered by
//               scripts/render-nginx.sh) and the SPA's own server
//               (frontend/nginx.conf serving a copy of frontend/dist)
//
// The browser talks to https://localhost:<https port> only, as a user would.
// Everything is undone by stop() (../global-setup.ts calls it as the global
// teardown), also on SIGTERM / SIGHUP and when the start fails; what a killed
// run leaves, the next one sweeps (stores.mjs).
//
// Environment knobs: E2E_SKIP_BUILD=1 serves the existing frontend/dist without
// `npm run build`; APP_BIN names another backend binary; TEST_PYTHON the Python
// with aiosmtpd (python3).
//
// The parts: processes.ts (spawn, wait, stop), stores.mjs (PostgreSQL,
// Redis, the run's lock and the sweep), backend.ts (binary, SMTP, API,
// worker), nginx.ts (SPA build, proxy), cleanup.ts (stop(), signals, logs).

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backendBinary, startBackend, startSmtp } from "./backend";
import { installSignalHandlers, type StackState, stopStack } from "./cleanup";
import type { Stack } from "./env";
import { buildSpa, startNginx } from "./nginx";
import { freePort, log } from "./processes";
import { createDatabase, startRun } from "./stores.mjs";

export interface RunningStack extends Stack {
  stop(): Promise<void>;
}

/** Starts everything; resolves to the stack's description. The caller must call stop(). */
export async function startStack(): Promise<RunningStack> {
  const started = Date.now();
  const state = newState();
  const stop = (): Promise<void> => stopStack(state, stop);
  installSignalHandlers(stop);

  try {
    const running = await startAll(state);
    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${running.baseURL}`);
    return { ...running, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What cleanup.ts undoes; startAll fills in the rest as it goes. */
function newState(): StackState {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-"));
  // nginx's workers run as `nobody` when we are root: they must reach the
  // SPA's files and the temp directory.
  fs.chmodSync(root, 0o755);
  const logs = path.join(root, "logs");
  fs.mkdirSync(logs);
  return { root, logs, processes: [], run: null, stopping: null };
}

async function startAll(state: StackState): Promise<Stack> {
  const binary = backendBinary();
  buildSpa();

  const [apiPort, metricsPort, spaPort, httpPort, httpsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const baseURL = `https://localhost:${httpsPort}`;
  const superuser = {
    email: "admin@example.com",
    password: `E2e-${randomBytes(9).toString("hex")}`,
  };

  // PostgreSQL and Redis: a database and a key prefix of this run's own,
  // removed by stop(); what killed runs left is swept first.
  const run = await startRun();
  state.run = run;
  const { databases, redisKeys } = run.swept;
  if (databases.length || redisKeys) {
    log(
      `swept what killed runs left: ${databases.join(", ") || "no database"}, ${redisKeys} Redis keys`,
    );
  }
  createDatabase(run.dbName);

  const { mailDir, smtpPort } = await startSmtp(state);
  await startBackend(state, binary, {
    dbName: run.dbName,
    redisPrefix: run.redisPrefix,
    apiPort,
    metricsPort,
    smtpPort,
    baseURL,
    superuser,
  });
  await startNginx(state, { apiPort, spaPort, httpPort, httpsPort });
  return { baseURL, mailDir, superuser };
}
