import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WorkerPool } from '../threads/workerPool.js';
import type { ScryptJob } from './passwordWorker.js';

/** scrypt cost: N = 2^14, r = 8, p = 1 (OWASP's minimum for scrypt), 64-byte key, 16-byte salt. */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
/** The shortest key a stored hash may hold: a shorter one (an empty one would match anything) is malformed. */
const MIN_KEY_LENGTH = 16;

let pool: WorkerPool<ScryptJob, Uint8Array> | null = null;

/**
 * Derives a key on the password thread (`passwordWorker.ts`), at background priority: one scrypt is some 35 ms
 * of a core, and twenty people signing in within a second, run on libuv's pool at full priority, took both
 * cores of a two-core server from the event loop (keystrokes reached the room 100 ms late). One thread: under
 * load the event loop holds about one core, and one thread fills the other with 25 to 30 hashes a second,
 * what a session's start asks for (the twentieth of a burst waits under a second); a second thread would only
 * share the same idle time with the export and compaction threads, for another isolate and another 16 MiB of
 * scrypt memory. The thread starts on first use (a tenth of a second compiled, half a second under tsx) and
 * leaves after five idle minutes, without keeping the process alive meanwhile. A derivation that fails, or
 * runs past 30 seconds (a thread starved by a saturated machine), rejects: the sign-in fails with a server
 * error, never passes.
 */
function scrypt(job: ScryptJob, lane?: string): Promise<Uint8Array> {
  pool ??= new WorkerPool<ScryptJob, Uint8Array>({
    module: new URL(`./passwordWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
    size: 1,
    timeoutMs: 30_000,
  });
  return pool.run(job, { lane });
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url parts), self-describing so costs can change. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt({ password, salt, keyLength: KEY_LENGTH, ...PARAMS });
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    Buffer.from(key).toString('base64url'),
  ].join('$');
}

/**
 * Checks a password against a stored hash in constant time; false for malformed hashes. Checks wait for the
 * thread in `lane`s that take turns (sign-ins pass the address they come from): one address's burst of
 * guesses at many accounts, each within the per-account limits, does not put a sign-in from elsewhere behind
 * all of them.
 */
export async function verifyPassword(password: string, stored: string, lane?: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!isPowerOfTwo(N) || !isPositiveInteger(r) || !isPositiveInteger(p)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length < MIN_KEY_LENGTH) return false;
  const key = await scrypt({ password, salt, keyLength: expected.length, N, r, p }, lane);
  return timingSafeEqual(key, expected);
}

const isPositiveInteger = (n: number): boolean => Number.isSafeInteger(n) && n > 0;
const isPowerOfTwo = (n: number): boolean => n > 1 && Number.isInteger(Math.log2(n));

/**
 * A hash computed once for a password nobody knows, verified against when the username does not exist, so
 * that a wrong username costs the same time as a wrong password. Kept once computed, never a failure: a
 * thread that failed under the first computation must not fail every later sign-in of an unknown name.
 */
let decoy: string | undefined;
export async function decoyHash(): Promise<string> {
  decoy ??= await hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/**
 * Ends the password thread; the next hash starts a new one. For tests, which need a thread started under
 * another `BACKGROUND_NICE`, and must not leave one at nice 19 behind for the files after them.
 */
export async function closePasswordWorker(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close();
}
