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
// Everything is undone by stop(), which also runs on Ctrl-C / SIGTERM and on
// an uncaught error. Connection settings come from the same variables as the
// API's: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_URL.
//
// Environment knobs: E2E_SKIP_BUILD=1 serves the existing frontend/dist without
// `npm run build`; APP_BIN names another backend binary; TEST_PYTHON the Python
// with aiosmtpd (python3).
//
// The parts: processes.mjs (spawn, wait, stop), stores.mjs (PostgreSQL,
// Redis), backend.mjs (binary, SMTP, API, worker), nginx.mjs (SPA build,
// proxy), cleanup.mjs (stop(), signals, logs kept on failure).

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backendBinary, startBackend, startSmtp } from "./backend.mjs";
import { installSignalHandlers, stopStack } from "./cleanup.mjs";
import { buildSpa, startNginx } from "./nginx.mjs";
import { freePort, log } from "./processes.mjs";
import { createDatabase } from "./stores.mjs";

/**
 * Starts everything; resolves to the stack's description. The caller must
 * call stop({ failed }) (it is also called on SIGINT / SIGTERM).
 */
export async function startStack() {
  const started = Date.now();
  const state = newState();
  const stop = (options) => stopStack(state, options);
  state.hook = stop;
  installSignalHandlers(stop);

  try {
    const running = await startAll(state);
    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${running.baseURL}`);
    return { ...running, root: state.root, stop };
  } catch (error) {
    await stop({ failed: true });
    throw error;
  }
}

/** What cleanup.mjs undoes; startAll fills in the rest as it goes. */
function newState() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-"));
  // nginx's workers run as `nobody` when we are root: they must reach the
  // SPA's files and the temp directory.
  fs.chmodSync(root, 0o755);
  const logs = path.join(root, "logs");
  fs.mkdirSync(logs);
  return { root, logs, processes: [], dbName: null, redisPrefix: null, stopping: null };
}

async function startAll(state) {
  const id = randomBytes(5).toString("hex");
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

  // PostgreSQL: a database of our own, dropped by stop().
  state.dbName = `e2e_${id}`;
  createDatabase(state.dbName);
  state.redisPrefix = `e2e-${id}:`;

  const { mailDir, smtpPort } = await startSmtp(state);
  await startBackend(state, binary, { apiPort, metricsPort, smtpPort, baseURL, superuser });
  await startNginx(state, { apiPort, spaPort, httpPort, httpsPort });
  return { baseURL, httpsPort, apiURL: `http://127.0.0.1:${apiPort}`, mailDir, superuser };
}
