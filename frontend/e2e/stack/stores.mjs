// @ts-check
// PostgreSQL and Redis, shared with whatever else uses them on this machine:
// each run gets a database and a Redis key prefix of its own, removed at the
// end, and sweeps what killed runs left. Connection settings come from the
// same variables as the API's: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_URL.
//
// A run (one `npx playwright test`, or `make screenshots`) has a random id
// and names its database e2e_<run> and its Redis keys e2e-<run>:... (eight
// hex digits). For as long as the run lives, a psql session of its own holds
// a shared advisory lock on (RUN_LOCKS, id); however the run ends, SIGKILL
// included, psql then sees its input close and quits, and the lock goes.
// Each run sweeps before it creates its database: every e2e_<run> database
// and e2e-<run>: key whose run holds no lock is dropped, on this machine or
// any other using the same servers. The other suites use the same scheme
// (tests/support/scratch_databases.py, backend/tests/api/support/database.rs)
// with lock classes of their own.
//
// Plain JavaScript (type-checked through JSDoc) so that plain Node runs it:
// tests/dev/test_e2e_leftovers.py kills a run here for real.

import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { run } from "./run.mjs";

/** The first key of the two-key advisory lock marking a live run (the second is its id). */
export const RUN_LOCKS = 720313;

const DATABASE_NAME = /^e2e_([0-9a-f]{8})$/;
const REDIS_KEY = /^e2e-([0-9a-f]{8}):/;

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

export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379/0";

/** @param {string} sql one statement; returns its rows, one a line */
const psql = (sql) =>
  run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], { env: pgEnv() });

/** @param {string[]} args */
const redis = (args) => run("redis-cli", ["-u", REDIS_URL, ...args]);

/** @param {string} name */
export function databaseUrl(name) {
  const env = pgEnv();
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : "";
  return `postgres://${encodeURIComponent(env.PGUSER)}${password}@${env.PGHOST}:${env.PGPORT}/${name}`;
}

/** @param {string} name */
export function createDatabase(name) {
  psql(`CREATE DATABASE "${name}"`);
}

/** Drops the database even while the app still holds connections to it. @param {string} name */
export function dropDatabase(name) {
  psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Deletes every key under `prefix`; returns how many there were. @param {string} prefix */
export function deleteRedisKeys(prefix) {
  const keys = redis(["--scan", "--pattern", `${prefix}*`])
    .split("\n")
    .filter(Boolean);
  deleteKeys(keys);
  return keys.length;
}

/** @param {string[]} keys */
function deleteKeys(keys) {
  for (let i = 0; i < keys.length; i += 500) redis(["DEL", ...keys.slice(i, i + 500)]);
}

/**
 * @typedef {object} Run
 * @property {number} id
 * @property {string} dbName     e2e_<id>, not created yet
 * @property {string} redisPrefix  e2e-<id>:
 * @property {{ databases: string[], redisKeys: number }} swept  what killed runs had left
 * @property {() => Promise<void>} end  releases the lock (once the database and keys are gone)
 */

/**
 * A new run: its lock held, then the sweep of what dead runs left.
 * @returns {Promise<Run>}
 */
export async function startRun() {
  const id = randomInt(2 ** 31);
  const session = await holdRunLock(id);
  const swept = sweep();
  const hex = id.toString(16).padStart(8, "0");
  return {
    id,
    dbName: `e2e_${hex}`,
    redisPrefix: `e2e-${hex}:`,
    swept,
    end: () =>
      new Promise((resolve) => {
        if (session.exitCode !== null) return resolve();
        session.once("exit", () => resolve());
        session.stdin.end();
      }),
  };
}

/**
 * A psql session holding the run's lock until its input closes (when this
 * process ends, or end() closes it); resolves once the lock is held.
 * @param {number} id
 */
function holdRunLock(id) {
  // Detached: Ctrl-C in a terminal signals the whole foreground process
  // group, and the lock must outlive the run's own cleanup.
  const session = spawn("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"], {
    env: pgEnv(),
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  // The server must never end the idle session while the run lives: its
  // database would be swept from under it.
  session.stdin.write(
    `SET idle_session_timeout = 0;\nSELECT pg_advisory_lock_shared(${RUN_LOCKS}, ${id});\n\\echo locked\n`,
  );
  return /** @type {Promise<typeof session>} */ (
    new Promise((resolve, reject) => {
      let output = "";
      session.stdout.on("data", (chunk) => {
        output += chunk;
        if (output.split("\n").includes("locked")) resolve(session);
      });
      session.stderr.on("data", (chunk) => (output += chunk));
      session.once("error", reject);
      session.once("exit", (code) =>
        reject(new Error(`psql could not take the run's lock (exit status ${code}):\n${output}`)),
      );
    })
  );
}

/**
 * The id of the run a database or Redis key belongs to (null: not a run's).
 * @param {string} name
 * @param {RegExp} pattern
 */
function owner(name, pattern) {
  const hex = pattern.exec(name)?.[1];
  const id = hex === undefined ? null : parseInt(hex, 16);
  return id !== null && id < 2 ** 31 ? id : null;
}

/** The ids of the runs alive now (their lock held). */
function liveRuns() {
  const ids = psql(
    "SELECT objid::int8 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 " +
      `AND classid::int8 = ${RUN_LOCKS}`,
  );
  return new Set(ids.split("\n").filter(Boolean).map(Number));
}

/**
 * Drops the database and the Redis keys of every run that no longer runs.
 * @returns {{ databases: string[], redisKeys: number }}
 */
export function sweep() {
  // The names first, the locks second: a run takes its lock before it makes
  // a database or a key, so each name listed whose run is alive has its lock
  // listed too.
  const databases = psql(String.raw`SELECT datname FROM pg_database WHERE datname LIKE 'e2e\_%'`)
    .split("\n")
    .filter(Boolean);
  const keys = redis(["--scan", "--pattern", "e2e-*"]).split("\n").filter(Boolean);
  const alive = liveRuns();
  /** @param {string} name @param {RegExp} pattern */
  const dead = (name, pattern) => {
    const id = owner(name, pattern);
    return id !== null && !alive.has(id);
  };
  const deadDatabases = databases.filter((name) => dead(name, DATABASE_NAME));
  for (const name of deadDatabases) dropDatabase(name);
  const deadKeys = keys.filter((key) => dead(key, REDIS_KEY));
  deleteKeys(deadKeys);
  return { databases: deadDatabases, redisKeys: deadKeys.length };
}
