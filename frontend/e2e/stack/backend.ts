// The backend side of the stack: the release binary (built when missing or
// stale), the SMTP server the worker sends through, a migrated database with
// its superuser, then `app serve` and `app worker`.
//
// APP_BIN names another backend binary; TEST_PYTHON the Python with aiosmtpd
// (python3).

import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Credentials } from "./env";
import { BACKEND } from "./paths";
import {
  log,
  type Proc,
  type ProcessGroup,
  startProcess,
  tail,
  waitForHttp,
  waitForPort,
} from "./processes";
import { databaseUrl, REDIS_URL } from "./stores.mjs";
import { run } from "./run.mjs";

/** The stack's processes and its temp folder. */
export type BackendState = ProcessGroup & { root: string };

export interface BackendSettings {
  dbName: string;
  redisPrefix: string;
  apiPort: number;
  metricsPort: number;
  smtpPort: number;
  baseURL: string;
  superuser: Credentials;
}

function newestMtime(entry: string): number {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** backend/target/release/app, built (quietly) when missing or older than its sources. */
export function backendBinary(): string {
  if (process.env.APP_BIN) return process.env.APP_BIN;
  const binary = path.join(BACKEND, "target", "release", "app");
  const sources = ["src", "migrations", "templates", "build.rs", "Cargo.toml", "Cargo.lock"];
  const newestSource = Math.max(...sources.map((name) => newestMtime(path.join(BACKEND, name))));
  if (!fs.existsSync(binary) || fs.statSync(binary).mtimeMs < newestSource) {
    log("building the backend (cargo build --release) ...");
    const result = spawnSync("cargo", ["build", "--release", "--quiet"], {
      cwd: BACKEND,
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("cargo build --release failed");
  }
  return binary;
}

/**
 * backend/tests/smtp_server.py, storing each message as ROOT/mail/<n>.json.
 * It prints `READY <port>`, and exits when its stdin closes.
 */
export async function startSmtp(
  state: BackendState,
): Promise<{ mailDir: string; smtpPort: number }> {
  const mailDir = path.join(state.root, "mail");
  fs.mkdirSync(mailDir);
  const smtp = startProcess(
    state,
    "smtp",
    process.env.TEST_PYTHON || "python3",
    [path.join(BACKEND, "tests", "smtp_server.py"), "--dir", mailDir],
    { pipeStdout: true },
  );
  return { mailDir, smtpPort: await smtpReady(smtp) };
}

function smtpReady(proc: Proc): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`SMTP server not ready:\n${output}`)), 15_000);
    proc.child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      fs.appendFileSync(proc.logFile, chunk);
      const match = /READY (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    proc.child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`SMTP server exited (${code}):\n${output}${tail(proc.logFile)}`));
    });
  });
}

// One browser on one address logs in, signs up and asks for reset links far
// more often than the production limits allow; those limits have their own
// tests (backend/tests/api/rate_limit.rs).
const RELAXED_RATE_LIMITS = {
  RATE_LIMIT_LOGIN_PER_IP: "10000/60",
  RATE_LIMIT_LOGIN_PER_EMAIL: "10000/60",
  RATE_LIMIT_SIGNUP_PER_IP: "10000/60",
  RATE_LIMIT_PASSWORD_RECOVERY_PER_IP: "10000/60",
  RATE_LIMIT_PASSWORD_RECOVERY_PER_EMAIL: "10000/60",
  RATE_LIMIT_PASSWORD_CHANGE_PER_USER: "10000/60",
};

function appEnv({
  dbName,
  redisPrefix,
  apiPort,
  metricsPort,
  smtpPort,
  baseURL,
  superuser,
}: BackendSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ENVIRONMENT: "development",
    LOG_LEVEL: "WARNING",
    API_HOST: "127.0.0.1",
    API_PORT: String(apiPort),
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    SECRET_KEY: randomBytes(32).toString("hex"),
    FIRST_SUPERUSER: superuser.email,
    FIRST_SUPERUSER_PASSWORD: superuser.password,
    // Reset links in the emails point at the proxy, where the browser is.
    FRONTEND_HOST: baseURL,
    // nginx connects from 127.0.0.1 and names the client in X-Forwarded-For.
    TRUSTED_PROXIES: "127.0.0.1",
    ...RELAXED_RATE_LIMITS,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    SMTP_TLS: "false",
    SMTP_SSL: "false",
    SMTP_USER: "",
    SMTP_PASSWORD: "",
    EMAILS_FROM_EMAIL: "e2e@example.com",
    WORKER_METRICS_PORT: String(metricsPort),
    // Retries of a failed email come quickly rather than after minutes.
    JOB_RETRY_BASE_DELAY_MS: "200",
  };
}

/**
 * Migrates settings.dbName, creates the superuser, then starts the API and the
 * worker; resolves once the API is ready and the worker's metrics port open.
 */
export async function startBackend(
  state: BackendState,
  binary: string,
  settings: BackendSettings,
): Promise<void> {
  const env = appEnv(settings);
  // The app reads a .env in its working directory: run it where there is none.
  const cwd = path.join(state.root, "app");
  fs.mkdirSync(cwd);

  log("migrating a fresh database, creating the superuser ...");
  run(binary, ["migrate", "up"], { env, cwd });
  run(binary, ["create-superuser"], { env, cwd });

  const api = startProcess(state, "api", binary, ["serve"], { env, cwd });
  const worker = startProcess(state, "worker", binary, ["worker"], { env, cwd });
  await waitForHttp(`http://127.0.0.1:${settings.apiPort}/health/ready`, api);
  await waitForPort(settings.metricsPort, worker);
}
