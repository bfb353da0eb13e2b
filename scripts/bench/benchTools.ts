/** Small tools the benchmarks share: sign a demo account in, wait for a condition, run one section alone. */
import { pathToFileURL } from 'node:url';
import type { BenchSection } from './index.js';

/** Signs a demo account in (password "demo") and returns its session cookie. */
export async function login(http: string, username: string): Promise<string> {
  const res = await fetch(`${http}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: http },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  const cookie = /accord_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`login ${username}: ${res.status}`);
  return cookie;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `predicate` every `everyMs` until it holds (true) or `timeoutMs` passes (false). */
export async function until(predicate: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) return false;
    await sleep(everyMs);
  }
  return true;
}

/**
 * Runs `run` and prints its section when the module at `moduleUrl` is the one started (`tsx scripts/bench/x.bench.ts`),
 * not imported by `npm run bench`.
 */
export function runAlone(moduleUrl: string, run: () => Promise<BenchSection>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  run().then(
    (section) => console.log(`## ${section.title}\n\n${section.markdown}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
