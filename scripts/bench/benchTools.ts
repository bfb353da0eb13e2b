/** Small tools the benchmarks share: sign a demo account in, and wait for a condition. */

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
