import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

/** A sign-in from `address` (the client address a trusted proxy reports). */
function login(client: ApiClient, username: string, password: string, address?: string) {
  return client.post('/api/auth/login', { username, password }, address ? { 'x-forwarded-for': address } : {});
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('password sign-in', () => {
  it('refuses every password for an account whose stored hash is malformed, an empty key among them', async () => {
    const server = await serve();
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    const malformed = {
      chair: `scrypt$16384$8$1$${salt}$`,
      'kaz-head': `scrypt$3$8$1$${salt}$AAAA`,
      'kaz-delegate': 'demo',
    };
    for (const [username, stored] of Object.entries(malformed)) {
      const user = (await server.ctx.store.users.byUsername(username))!;
      await server.ctx.store.users.setPassword(user.id, stored);
      for (const password of ['demo', 'anything'])
        expect([username, (await login(server.anonymous(), username, password)).status]).toEqual([username, 401]);
    }
  });

  it('answers a server error, and no session, when the password cannot be checked', async () => {
    const server = await serve();
    const chair = (await server.ctx.store.users.byUsername('chair'))!;
    // A cost beyond the memory the hashing thread may use (1 GiB at N = 2^20): scrypt fails there.
    const [, , r, p, salt, key] = chair.password_hash!.split('$');
    await server.ctx.store.users.setPassword(chair.id, ['scrypt', 2 ** 20, r, p, salt, key].join('$'));
    const answer = await login(server.anonymous(), 'chair', 'demo');
    expect([answer.status, answer.body.error?.id]).toEqual([500, 'internal']);
    expect(answer.headers.get('set-cookie')).toBeNull();
  });
});

describe('login limits', () => {
  it('counts an attempt before checking it: of 200 concurrent guesses only a few are checked, and the right 51st is refused', async () => {
    const server = await serve();
    const client = server.anonymous();
    const guesses = Array.from({ length: 200 }, (_, i) => login(client, 'chair', i === 50 ? 'demo' : `guess-${i}`));
    const answers = await Promise.all(guesses);
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(server.ctx.config.LOGIN_MAX_FAILURES);
    expect(answers[50]!.status).toBe(429);
    expect(answers[50]!.headers.get('set-cookie')).toBeNull();
    expect(
      answers
        .filter((a) => a.status === 429)
        .every((a) => a.body.error.id === 'rate_limited' && Number(a.headers.get('retry-after')) >= 1),
    ).toBe(true);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  });

  it('refuses a guess past the limit on a read, without taking the single writer', async () => {
    const server = await serve();
    const client = server.anonymous();
    for (let i = 0; i < server.ctx.config.LOGIN_MAX_FAILURES; i++) await login(client, 'chair', `guess-${i}`);
    const { store } = server.ctx;
    const transaction = store.transaction.bind(store);
    let transactions = 0;
    store.transaction = ((...args: Parameters<typeof transaction>) => {
      transactions++;
      return transaction(...args);
    }) as typeof store.transaction;
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(client, 'chair', `more-${i}`)));
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 429));
      expect(transactions).toBe(0);
      // Another account from the same address is still checked, under the writer.
      expect((await login(client, 'secretariat', 'demo')).status).toBe(200);
      expect(transactions).toBeGreaterThan(0);
    } finally {
      store.transaction = transaction;
    }
  });

  it('slows repeated failures of one account from one address with growing delays', async () => {
    const server = await serve();
    const client = server.anonymous();
    for (let i = 0; i < 3; i++) expect((await login(client, 'kaz-head', 'wrong')).status).toBe(401);
    const first = await login(client, 'kaz-head', 'wrong');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await sleep(1100);
    expect((await login(client, 'kaz-head', 'wrong')).status).toBe(401);
    const second = await login(client, 'kaz-head', 'demo');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    await sleep(2100);
    // The person gets there in the end, and their failures are forgiven.
    expect((await login(client, 'kaz-head', 'demo')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(client, 'kaz-head', 'wrong')).status).toBe(401);
  });

  it('never lets one address lock out an account that has not failed from it (a congress behind one NAT)', async () => {
    const server = await serve({ LOGIN_MAX_FAILURES: '3' });
    const client = server.anonymous();
    // 30 failures from this address (its limit is 10 × 3): 3 each at nine accounts, 1 at a tenth, and 2 at
    // names that do not exist.
    const accounts = ['arg', 'bra', 'can', 'deu', 'egy', 'esp', 'gbr', 'ind', 'jpn'].map((c) => `${c}-head`);
    for (const username of accounts)
      for (let i = 0; i < 3; i++) expect((await login(client, username, 'wrong')).status).toBe(401);
    expect((await login(client, 'fra-head', 'wrong')).status).toBe(401);
    for (const name of ['nobody-1', 'nobody-2']) expect((await login(client, name, 'wrong')).status).toBe(401);
    // The chair has not failed from here: signed in.
    expect((await login(server.anonymous(), 'chair', 'demo')).status).toBe(200);
    expect((await login(server.anonymous(), 'kaz-delegate', 'demo')).status).toBe(200);
    // fra-head failed once from here: the address's limit now holds it, though its own count is below 3.
    const held = await login(server.anonymous(), 'fra-head', 'demo');
    expect(held.status).toBe(429);
    expect(held.body.error.id).toBe('rate_limited');
    // A valid one-time link is never refused for what others did from the same address.
    const admin = await server.login('admin');
    const links = await admin.post('/api/admin/login-links', { usernames: ['fra-head'] });
    const token = new URL(links.body.links[0].url as string).hash.slice('#token='.length);
    expect((await server.anonymous().post('/api/auth/link', { token })).status).toBe(200);
  });

  it('does not hold a person who signs in twice at once from an address over its limit (a double click behind the NAT)', async () => {
    const server = await serve({ LOGIN_MAX_FAILURES: '3' });
    const client = server.anonymous();
    // 30 failures from this address, each at a name that does not exist: the address is at its limit.
    for (let i = 0; i < 30; i++) expect((await login(client, `nobody-${i}`, 'wrong')).status).toBe(401);
    // The chair never failed from here; the second of two concurrent sign-ins sees the first under way.
    const answers = await Promise.all([
      login(server.anonymous(), 'chair', 'demo'),
      login(server.anonymous(), 'chair', 'demo'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // A name that failed from here is held, as before.
    expect((await login(server.anonymous(), 'nobody-0', 'demo')).status).toBe(429);
  });

  it('behind TRUST_PROXY counts the client address the proxy saw, which a client cannot choose', async () => {
    const server = await serve({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY: '1' });
    const client = server.anonymous();
    for (let i = 0; i < 3; i++) expect((await login(client, 'kaz-head', 'wrong', '203.0.113.5')).status).toBe(401);
    expect((await login(client, 'kaz-head', 'wrong', '203.0.113.5')).status).toBe(429);
    // A forged hop in front of the real one changes nothing: the proxy appends the address it saw.
    expect((await login(client, 'kaz-head', 'wrong', '198.51.100.1, 203.0.113.5')).status).toBe(429);
    // Another delegate behind the same proxy, from another client address, signs in.
    expect((await login(server.anonymous(), 'kaz-head', 'demo', '203.0.113.6')).status).toBe(200);
  });

  it('slows guesses at one account spread over many addresses, capped at a minute', async () => {
    const server = await serve({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY: '1' });
    const client = server.anonymous();
    // The account's own count starts delaying at 9 failures, from wherever they come.
    for (let i = 0; i < 9; i++)
      expect((await login(client, 'deu-head', 'wrong', `198.51.100.${i + 1}`)).status).toBe(401);
    const held = await login(client, 'deu-head', 'demo', '198.51.100.200');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    await sleep(1100);
    expect((await login(client, 'deu-head', 'wrong', '198.51.100.201')).status).toBe(401);
    expect((await login(client, 'deu-head', 'demo', '198.51.100.202')).headers.get('retry-after')).toBe('2');
    // Other accounts are not slowed.
    expect((await login(client, 'deu-delegate', 'demo', '198.51.100.203')).status).toBe(200);
  });
});
