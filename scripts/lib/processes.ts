import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * The engines' server processes (engines.ts): started in their own process group, waited for until ready,
 * stopped with escalation, and cleaned up should this process exit first.
 */

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

const exitHooks = new Set<() => void>();
let exitHookInstalled = false;

export interface Launched {
  child: ChildProcess;
  /** Drops the clean-up registered for this process's exit (call before stopping the server yourself). */
  forget: () => void;
}

/**
 * Starts a server in its own process group (a Ctrl-C meant for the caller does not stop it before its
 * clients), killed with `kill` and its `dir` removed should this process exit first, and waits until
 * `ready`. If it never gets ready it is stopped and the error thrown; `dir` is then the caller's to remove.
 */
export async function spawnServer(
  command: string,
  args: string[],
  options: SpawnOptions,
  how: { dir: string; kill: NodeJS.Signals; ready: () => Promise<boolean>; logFile: string },
): Promise<Launched> {
  const child = spawn(command, args, { ...options, detached: true });
  child.unref();
  const forget = onExit(() => {
    killNow(child, how.kill);
    fs.rmSync(how.dir, { recursive: true, force: true });
  });
  try {
    await waitUntil(child, how.ready, () => tail(how.logFile));
  } catch (error) {
    forget();
    await terminate(child, how.kill);
    throw error;
  }
  return { child, forget };
}

/** Runs `fn` when this process exits (best effort: not on SIGKILL); returns a function that cancels it. */
function onExit(fn: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const hook of exitHooks) {
        try {
          hook();
        } catch {
          // Nothing more can be done while exiting; the next hook may still succeed.
        }
      }
    });
  }
  exitHooks.add(fn);
  return () => exitHooks.delete(fn);
}

/** Signals a child and, synchronously (we may be exiting), waits up to two seconds for it to be gone. */
function killNow(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, signal);
  } catch {
    return;
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 2000 && alive(child.pid); waited += 20) Atomics.wait(pause, 0, 0, 20);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a child and waits for it to exit, escalating to SIGKILL after STOP_TIMEOUT_MS. */
export async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Polls `ready` until it resolves true; fails when the child exits first or after READY_TIMEOUT_MS. */
async function waitUntil(child: ChildProcess, ready: () => Promise<boolean>, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited || child.exitCode !== null)
      throw new Error(`it exited (code ${child.exitCode ?? child.signalCode}).\n${log()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s.\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The last lines of a log, for error messages. */
export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
