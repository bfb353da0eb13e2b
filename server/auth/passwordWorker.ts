/**
 * scrypt on a worker thread of its own (see `passwords.ts`), at background priority: a burst of sign-ins at
 * the start of a session runs in the cores' idle time instead of taking them from the event loop that carries
 * everyone's keystrokes. It only derives keys; the hash format and the comparison stay in `passwords.ts`.
 * Nothing but Node's own modules and `threadPriority.ts` is imported, so that the thread starts quickly.
 */
import { scryptSync } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/threadPriority.js';

/** A key to derive: scrypt's inputs. */
export interface ScryptJob {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  N: number;
  r: number;
  p: number;
}

/** scrypt's memory limit: room for costs above today's (16 MiB at N = 2^14, r = 8). */
const MAX_MEMORY = 64 * 1024 * 1024;

if (parentPort) lowerThreadPriority();

parentPort?.on('message', ({ id, job }: { id: number; job: ScryptJob }) => {
  try {
    // Synchronous on purpose: `crypto.scrypt` would hand the work to libuv's pool, whose threads run at the
    // process's priority; here it runs on this thread, which has lowered its own.
    const key = scryptSync(job.password, job.salt, job.keyLength, { N: job.N, r: job.r, p: job.p, maxmem: MAX_MEMORY });
    const result = new Uint8Array(key.buffer, key.byteOffset, key.byteLength).slice();
    parentPort!.postMessage({ id, result }, [result.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
