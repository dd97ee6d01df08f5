// The stack's child processes: free ports for them, waiting until they listen,
// and stopping them. Each one's output goes to <logs>/<name>.log, which the
// errors here quote so a failed start says why.

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const log = (message: string) => console.log(`[e2e] ${message}`);

export interface Proc {
  name: string;
  child: ChildProcess;
  logFile: string;
  stopSignal: NodeJS.Signals;
}

/** What startProcess and stopProcesses share: the logs folder and the processes started. */
export interface ProcessGroup {
  logs: string;
  processes: Proc[];
  /** Set once the stack is being stopped: an exit is then no news. */
  stopping: Promise<void> | null;
}

const ports = new Set<number>();

/** A port nothing listens on (and that this run has not handed out yet). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port: picked } = server.address() as net.AddressInfo;
        server.close(() => resolve(picked));
      });
    });
    if (!ports.has(port)) {
      ports.add(port);
      return port;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").slice(-4000);
  } catch {
    return "";
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function waitForPort(port: number, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(proc.child)) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${tail(proc.logFile)}`);
    }
    const open = await new Promise<boolean>((resolve) => {
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

export async function waitForHttp(url: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (exited(proc.child)) {
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

// util-linux's setpriv asks the kernel to SIGKILL the child when the run
// dies (even by SIGKILL, when no cleanup of ours can run), so a killed run
// leaves no API or worker behind. Where there is none, children outlive a
// killed run; the next run still sweeps its database and Redis keys.
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((file) => fs.existsSync(file));

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** SIGTERM unless told otherwise. */
  stopSignal?: NodeJS.Signals;
  /** stdout as a pipe the caller reads (and copies to the log) rather than the log file itself. */
  pipeStdout?: boolean;
}

/**
 * Starts `command` as the stack's process `name`, remembered in
 * group.processes for stopProcesses().
 */
export function startProcess(
  group: ProcessGroup,
  name: string,
  command: string,
  args: string[],
  { stopSignal = "SIGTERM", pipeStdout = false, env, cwd }: StartOptions = {},
): Proc {
  const logFile = path.join(group.logs, `${name}.log`);
  const fd = fs.openSync(logFile, "a");
  const [program, programArgs] = SETPRIV
    ? [SETPRIV, ["--pdeathsig", "KILL", "--", command, ...args]]
    : [command, args];
  const child = spawn(program, programArgs, {
    env,
    cwd,
    // stdin stays an open pipe: the SMTP server exits when it closes.
    stdio: ["pipe", pipeStdout ? "pipe" : fd, fd],
  });
  fs.closeSync(fd);
  const proc: Proc = { name, child, logFile, stopSignal };
  child.on("error", (error) => fs.appendFileSync(logFile, `spawn error: ${error}\n`));
  // A process that ends before stop() asks it to is news: say how it ended.
  child.on("exit", (code, signal) => {
    if (group.stopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    fs.appendFileSync(logFile, `[e2e] ${name} exited unexpectedly (${how})\n`);
    log(`${name} (pid ${child.pid}) exited unexpectedly (${how}): see its log`);
  });
  group.processes.push(proc);
  return proc;
}

async function stopProcess(proc: Proc): Promise<void> {
  const { child } = proc;
  if (exited(child) || child.pid === undefined) return;
  const done = new Promise((resolve) => child.once("exit", resolve));
  child.kill(proc.stopSignal);
  child.stdin?.end();
  let timer: NodeJS.Timeout | undefined;
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

/** Stops every process of the stack, one at a time, in the reverse order of their start. */
export async function stopProcesses(group: ProcessGroup): Promise<void> {
  // The proxy first, the SMTP server last (the worker may still be sending).
  for (const proc of [...group.processes].reverse()) {
    await stopProcess(proc).catch((error) => log(`stopping ${proc.name}: ${error}`));
  }
}
