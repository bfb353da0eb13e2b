import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_NICE, threadNiceValues } from '../threads/threadPriority.js';
import { closePasswordWorker, decoyHash, hashPassword, verifyPassword } from './passwords.js';

afterAll(() => closePasswordWorker());

/** The CPU time threads of this process have used, in ms (utime + stime, the 14th and 15th fields of a stat). */
function threadsCpuMs(tids: number[]): number {
  let ticks = 0;
  for (const tid of tids) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const [utime, stime] = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 13)
      .map(Number);
    ticks += utime! + stime!;
  }
  // Clock ticks: 100 a second on Linux (USER_HZ).
  return ticks * 10;
}

describe('passwords', () => {
  // First in the file: the decoy is computed once per process (a file run before this one in the same
  // process may have made it already, and then the first computation does not fail).
  it('computes the decoy again when the thread failed under its first computation', async () => {
    const first = decoyHash().catch(() => 'failed');
    await closePasswordWorker();
    await first;
    expect(await verifyPassword('anything', await decoyHash())).toBe(false);
  });

  it('hashes and verifies: the right password passes, a wrong one does not', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(stored);
    expect(await verifyPassword('anything', await decoyHash())).toBe(false);
  });

  it('takes checks in turns by lane: a burst from one address does not hold a sign-in from another', async () => {
    const hash = await hashPassword('demo');
    const finished: string[] = [];
    const check = (lane: string, n: number): Promise<void> =>
      verifyPassword('guess', hash, lane).then(() => void finished.push(`${lane} ${n}`));
    const burst = Array.from({ length: 6 }, (_, n) => check('10.0.0.9', n));
    const other = check('10.0.0.1', 0);
    await Promise.all([...burst, other]);
    // The burst's first was under way when the other asked; the other goes next, not seventh.
    expect(finished.indexOf('10.0.0.1 0')).toBeLessThanOrEqual(2);
  });

  it('refuses malformed hashes, an empty key above all (it would match every password)', async () => {
    const [, N, r, p, salt, key] = (await hashPassword('demo')).split('$');
    const malformed = [
      '',
      'demo',
      `bcrypt$${N}$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}`,
      `scrypt$${N}$${r}$${p}$${salt}$`,
      `scrypt$${N}$${r}$${p}$${salt}$AAAA`,
      `scrypt$abc$${r}$${p}$${salt}$${key}`,
      `scrypt$16383$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$0$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$1.5$${salt}$${key}`,
    ];
    for (const stored of malformed) expect([stored, await verifyPassword('demo', stored)]).toEqual([stored, false]);
  });

  it('fails, never passes, when the thread fails under a check', async () => {
    const stored = await hashPassword('demo');
    const checking = expect(verifyPassword('demo', stored)).rejects.toThrow('The worker pool is closed.');
    await closePasswordWorker();
    await checking;
    // A hash beyond what the thread may allocate (1 GiB at N = 2^20) is an error too, not a wrong password.
    await expect(verifyPassword('demo', stored.replace('$16384$', '$1048576$'))).rejects.toThrow(/memory/i);
    expect(await verifyPassword('demo', stored)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')(
    'derives keys on a thread at the lowest priority, which leaves when idle and comes back for the next',
    async () => {
      const stored = await hashPassword('demo');
      await closePasswordWorker();
      const self = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
      const before = threadNiceValues();
      // The suite keeps its threads at its own priority (vitest.config.ts); a server's default is the lowest.
      vi.stubEnv('BACKGROUND_NICE', undefined);
      // The thread's idle time runs out on the test's clock.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        expect(await verifyPassword('demo', stored)).toBe(true);
        vi.unstubAllEnvs();
        const after = threadNiceValues();
        const lowered = [...after.keys()].filter((tid) => !before.has(tid) && after.get(tid) === BACKGROUND_NICE);
        expect(lowered.length).toBeGreaterThanOrEqual(1);
        expect(after.get(self)).toBe(before.get(self));
        // scrypt itself runs there, not on libuv's pool at the process's priority: three checks are some
        // 100 ms of that thread's time.
        const cpuBefore = threadsCpuMs(lowered);
        for (let i = 0; i < 3; i++) expect(await verifyPassword('demo', stored)).toBe(true);
        expect(threadsCpuMs(lowered) - cpuBefore).toBeGreaterThanOrEqual(40);
        // Five minutes without work: the thread ends.
        vi.advanceTimersByTime(5 * 60_000);
        vi.useRealTimers();
        await expect.poll(() => lowered.filter((tid) => threadNiceValues().has(tid))).toEqual([]);
        expect(await verifyPassword('demo', stored)).toBe(true);
        expect(await verifyPassword('wrong', stored)).toBe(false);
      } finally {
        vi.useRealTimers();
        vi.unstubAllEnvs();
        await closePasswordWorker();
      }
    },
    60_000,
  );
});
