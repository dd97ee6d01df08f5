// @ts-check
// Running a command to completion, for the stack's modules; plain JavaScript
// (type-checked through JSDoc) so that stores.mjs can use it under plain Node.
import { spawnSync } from "node:child_process";

/**
 * Runs a command to completion; throws with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 * @returns {string} what it printed on stdout
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000);
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${output}`);
  }
  return String(result.stdout ?? "");
}
