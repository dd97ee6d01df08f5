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

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS, BACKEND, FRONTEND, REPO } from "./paths.mjs";

const NGINX = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

const log = (message) => console.log(`[e2e] ${message}`);

// --- small process helpers --------------------------------------------------

/** Runs a command to completion; throws with its output when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000);
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${output}`);
  }
  return result.stdout ?? "";
}

const ports = new Set();

/** A port nothing listens on (and that this run has not handed out yet). */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port: picked } = server.address();
        server.close(() => resolve(picked));
      });
    });
    if (!ports.has(port)) {
      ports.add(port);
      return port;
    }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file) {
  try {
    return fs.readFileSync(file, "utf8").slice(-4000);
  } catch {
    return "";
  }
}

async function waitForPort(port, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${tail(proc.logFile)}`);
    }
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(
    `${proc.name}: nothing listening on ${port} after ${timeoutMs} ms:\n${tail(proc.logFile)}`,
  );
}

async function waitForHttp(url, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${tail(proc.logFile)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last}):\n${tail(proc.logFile)}`);
}

// --- the backend binary --------------------------------------------------------

function newestMtime(entry) {
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
function backendBinary() {
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

// --- PostgreSQL and Redis ---------------------------------------------------------

function pgEnv() {
  return {
    ...process.env,
    PGHOST: process.env.DB_HOST || "127.0.0.1",
    PGPORT: process.env.DB_PORT || "5432",
    PGUSER: process.env.DB_USER || "postgres",
    PGPASSWORD: process.env.DB_PASSWORD || "",
    PGDATABASE: "postgres",
  };
}

function databaseUrl(name) {
  const env = pgEnv();
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : "";
  return `postgres://${encodeURIComponent(env.PGUSER)}${password}@${env.PGHOST}:${env.PGPORT}/${name}`;
}

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379/0";

function deleteRedisKeys(prefix) {
  const keys = run("redis-cli", ["-u", REDIS_URL, "--scan", "--pattern", `${prefix}*`])
    .split("\n")
    .filter(Boolean);
  for (let i = 0; i < keys.length; i += 500) {
    run("redis-cli", ["-u", REDIS_URL, "DEL", ...keys.slice(i, i + 500)]);
  }
  return keys.length;
}

// --- the stack ------------------------------------------------------------------------

/**
 * Starts everything; resolves to the stack's description. The caller must
 * call stop({ failed }) (it is also called on SIGINT / SIGTERM).
 */
export async function startStack() {
  const started = Date.now();
  const id = randomBytes(5).toString("hex");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-"));
  // nginx's workers run as `nobody` when we are root: they must reach the
  // SPA's files and the temp directory.
  fs.chmodSync(root, 0o755);
  const logs = path.join(root, "logs");
  fs.mkdirSync(logs);

  const processes = [];
  const state = { root, logs, processes, dbName: null, redisPrefix: null, stopping: null };
  const stop = (options) => stopStack(state, options);
  state.hook = stop;
  installSignalHandlers(stop);

  try {
    const binary = backendBinary();
    if (process.env.E2E_SKIP_BUILD !== "1") {
      log("building the SPA (npm run build) ...");
      run("npm", ["run", "build"], { cwd: FRONTEND, maxBuffer: 64 * 1024 * 1024 });
    }
    if (!fs.existsSync(path.join(FRONTEND, "dist", "index.html"))) {
      throw new Error("frontend/dist/index.html is missing: run `npm run build` first");
    }

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
    run("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE "${state.dbName}"`], {
      env: pgEnv(),
    });
    state.redisPrefix = `e2e-${id}:`;

    // The SMTP server: prints `READY <port>`; exits when its stdin closes.
    const mailDir = path.join(root, "mail");
    fs.mkdirSync(mailDir);
    const smtp = startProcess(state, "smtp", process.env.TEST_PYTHON || "python3", [
      path.join(BACKEND, "tests", "smtp_server.py"),
      "--dir",
      mailDir,
    ]);
    const smtpPort = await smtpReady(smtp);

    const appEnv = {
      ...process.env,
      ENVIRONMENT: "development",
      LOG_LEVEL: "WARNING",
      API_HOST: "127.0.0.1",
      API_PORT: String(apiPort),
      DATABASE_URL: databaseUrl(state.dbName),
      REDIS_URL,
      REDIS_KEY_PREFIX: state.redisPrefix,
      SECRET_KEY: randomBytes(32).toString("hex"),
      FIRST_SUPERUSER: superuser.email,
      FIRST_SUPERUSER_PASSWORD: superuser.password,
      // Reset links in the emails point at the proxy, where the browser is.
      FRONTEND_HOST: baseURL,
      // nginx connects from 127.0.0.1 and names the client in X-Forwarded-For.
      TRUSTED_PROXIES: "127.0.0.1",
      // One browser on one address logs in, signs up and asks for reset links
      // far more often than the production limits allow; those limits have
      // their own tests (backend/tests/api/rate_limit.rs).
      RATE_LIMIT_LOGIN_PER_IP: "10000/60",
      RATE_LIMIT_LOGIN_PER_EMAIL: "10000/60",
      RATE_LIMIT_SIGNUP_PER_IP: "10000/60",
      RATE_LIMIT_PASSWORD_RECOVERY_PER_IP: "10000/60",
      RATE_LIMIT_PASSWORD_RECOVERY_PER_EMAIL: "10000/60",
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
    // The app reads a .env in its working directory: run it where there is none.
    const appCwd = path.join(root, "app");
    fs.mkdirSync(appCwd);

    log("migrating a fresh database, creating the superuser ...");
    run(binary, ["migrate", "up"], { env: appEnv, cwd: appCwd });
    run(binary, ["create-superuser"], { env: appEnv, cwd: appCwd });

    const api = startProcess(state, "api", binary, ["serve"], { env: appEnv, cwd: appCwd });
    const worker = startProcess(state, "worker", binary, ["worker"], { env: appEnv, cwd: appCwd });
    await waitForHttp(`http://127.0.0.1:${apiPort}/health/ready`, api);
    await waitForPort(metricsPort, worker);

    const nginx = startNginx(state, { apiPort, spaPort, httpPort, httpsPort });
    for (const port of [httpPort, httpsPort, spaPort]) await waitForPort(port, nginx);

    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${baseURL}`);
    return {
      baseURL,
      httpsPort,
      apiURL: `http://127.0.0.1:${apiPort}`,
      mailDir,
      superuser,
      root,
      stop,
    };
  } catch (error) {
    await stop({ failed: true });
    throw error;
  }
}

function startProcess(state, name, command, args, options = {}) {
  const logFile = path.join(state.logs, `${name}.log`);
  const fd = fs.openSync(logFile, "a");
  const child = spawn(command, args, {
    ...options,
    // stdin stays an open pipe: the SMTP server exits when it closes.
    stdio: ["pipe", name === "smtp" ? "pipe" : fd, fd],
  });
  fs.closeSync(fd);
  const proc = { name, child, logFile, stopSignal: options.stopSignal ?? "SIGTERM" };
  child.on("error", (error) => fs.appendFileSync(logFile, `spawn error: ${error}\n`));
  // A process that ends before stop() asks it to is news: say how it ended.
  child.on("exit", (code, signal) => {
    if (state.stopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    fs.appendFileSync(logFile, `[e2e] ${name} exited unexpectedly (${how})\n`);
    log(`${name} (pid ${child.pid}) exited unexpectedly (${how}): see its log`);
  });
  state.processes.push(proc);
  return proc;
}

function smtpReady(proc) {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`SMTP server not ready:\n${output}`)), 15_000);
    proc.child.stdout.on("data", (chunk) => {
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

/**
 * One nginx: the reverse proxy rendered by scripts/render-nginx.sh into
 * ROOT/nginx, plus frontend/nginx.conf as conf.d/zz-spa.conf. That file is
 * used as it is, except for two lines, replaced (and checked) here:
 *   `listen 3000;`                  -> `listen 127.0.0.1:<free port>;`
 *   `root /usr/share/nginx/html;`   -> `root <a copy of frontend/dist>;`
 * (A copy, so a rebuild elsewhere during the run cannot swap the files.)
 */
function startNginx(state, { apiPort, spaPort, httpPort, httpsPort }) {
  const dir = path.join(state.root, "nginx");
  const conf = path.join(dir, "conf");
  const html = path.join(dir, "html");
  fs.mkdirSync(path.join(dir, "temp"), { recursive: true });
  fs.cpSync(path.join(FRONTEND, "dist"), html, { recursive: true });
  run(path.join(REPO, "scripts", "make-certs.sh"), [path.join(dir, "ssl")]);
  run(path.join(REPO, "scripts", "render-nginx.sh"), [conf], {
    env: {
      ...process.env,
      API_UPSTREAM: `127.0.0.1:${apiPort}`,
      FRONTEND_UPSTREAM: `127.0.0.1:${spaPort}`,
      SERVER_NAME: "localhost",
      LISTEN_ADDRESS: "127.0.0.1",
      HTTP_PORT: String(httpPort),
      HTTPS_PORT: String(httpsPort),
      SSL_CERT_DIR: path.join(dir, "ssl"),
      ACME_WEBROOT: path.join(dir, "acme"),
      NGINX_TEMP_DIR: path.join(dir, "temp"),
      // The strict zone allows 5 logins, sign-ups and reset requests a minute
      // per address in production; here every test's browser and API calls
      // come from 127.0.0.1, many times a minute, so it is opened wide.
      AUTH_RATE_LIMIT: "600r/m",
    },
  });

  let spa = fs.readFileSync(path.join(FRONTEND, "nginx.conf"), "utf8");
  for (const [from, to] of [
    ["listen 3000;", `listen 127.0.0.1:${spaPort};`],
    ["root /usr/share/nginx/html;", `root ${html};`],
  ]) {
    if (spa.split(from).length !== 2)
      throw new Error(`frontend/nginx.conf: expected one "${from}"`);
    spa = spa.replace(from, to);
  }
  fs.writeFileSync(path.join(conf, "conf.d", "zz-spa.conf"), spa);

  const base = [NGINX, "-p", dir, "-e", "stderr", "-c", path.join(conf, "nginx.conf")];
  const pid = `pid ${path.join(dir, "nginx.pid")};`;
  // stdout must be a file: nginx opens /dev/stdout (the access log), which
  // fails on the socket pair a pipe from Node is.
  const checkLog = path.join(state.logs, "nginx-t.log");
  const fd = fs.openSync(checkLog, "w");
  const check = spawnSync(base[0], [...base.slice(1), "-t", "-g", pid], {
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${tail(checkLog)}`);
  return startProcess(state, "nginx", base[0], [...base.slice(1), "-g", `${pid} daemon off;`], {
    stopSignal: "SIGQUIT", // graceful
  });
}

// --- stopping ------------------------------------------------------------------------

let handlersInstalled = false;
const stopHooks = new Set();

function installSignalHandlers(stop) {
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

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopProcess(proc) {
  const { child } = proc;
  if (exited(child) || child.pid === undefined) return;
  const done = new Promise((resolve) => child.once("exit", resolve));
  child.kill(proc.stopSignal);
  child.stdin?.end();
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 15_000);
  });
  const outcome = await Promise.race([done, timeout]);
  clearTimeout(timer);
  if (outcome === "timeout" && !exited(child)) {
    log(`${proc.name} did not stop in 15 s: killing it`);
    child.kill("SIGKILL");
    await done;
  }
}

/** Undoes startStack; every caller (the runner, a signal) awaits the same cleanup. */
function stopStack(state, options) {
  state.stopping ??= cleanUp(state, options);
  return state.stopping;
}

async function cleanUp(state, { failed = false } = {}) {
  // The proxy first, the SMTP server last (the worker may still be sending).
  for (const proc of [...state.processes].reverse()) {
    await stopProcess(proc).catch((error) => log(`stopping ${proc.name}: ${error}`));
  }
  if (state.dbName) {
    try {
      run("psql", ["-q", "-c", `DROP DATABASE IF EXISTS "${state.dbName}" WITH (FORCE)`], {
        env: pgEnv(),
      });
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
  if (failed) {
    const target = path.join(ARTIFACTS, "logs");
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(state.logs, target, { recursive: true });
    const mail = path.join(state.root, "mail");
    if (fs.existsSync(mail)) fs.cpSync(mail, path.join(target, "mail"), { recursive: true });
    log(`process logs kept in ${path.relative(process.cwd(), target) || target}`);
  }
  fs.rmSync(state.root, { recursive: true, force: true });
  stopHooks.delete(state.hook);
}
