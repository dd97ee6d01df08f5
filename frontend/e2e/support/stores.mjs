// PostgreSQL and Redis, shared with whatever else uses them on this machine:
// each stack gets a database and a Redis key prefix of its own, removed at
// the end. Connection settings come from the same variables as the API's:
// DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_URL.

import { run } from "./processes.mjs";

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

export function databaseUrl(name) {
  const env = pgEnv();
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : "";
  return `postgres://${encodeURIComponent(env.PGUSER)}${password}@${env.PGHOST}:${env.PGPORT}/${name}`;
}

export function createDatabase(name) {
  run("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE "${name}"`], {
    env: pgEnv(),
  });
}

/** Drops the database even while the app still holds connections to it. */
export function dropDatabase(name) {
  run("psql", ["-q", "-c", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { env: pgEnv() });
}

export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379/0";

export function deleteRedisKeys(prefix) {
  const keys = run("redis-cli", ["-u", REDIS_URL, "--scan", "--pattern", `${prefix}*`])
    .split("\n")
    .filter(Boolean);
  for (let i = 0; i < keys.length; i += 500) {
    run("redis-cli", ["-u", REDIS_URL, "DEL", ...keys.slice(i, i + 500)]);
  }
  return keys.length;
}
