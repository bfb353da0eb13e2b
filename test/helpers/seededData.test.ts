import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server.js';

/** What a server holds that a test may read: the accounts, and the document's clauses (their ids are each seed's own). */
async function contents(server: TestServer) {
  const chair = await server.login('chair');
  const users = await server.ctx.store.sql.all<{ username: string; role: string; password_hash: string }>(
    'SELECT username, role, password_hash FROM users ORDER BY username',
  );
  return {
    users: users.map(({ username, role }) => ({ username, role })),
    hashes: [...new Set(users.map((u) => u.password_hash.split('$').slice(0, 4).join('$')))],
    clauses: ((await chair.get('/api/documents/almaty-declaration')).body.clauses as Record<string, unknown>[]).map(
      ({ ref, kind, text }) => ({ ref, kind, text }),
    ),
  };
}

describe('the seeded copy test servers start from', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  // Its server started, so the ledger it holds is signed by the key copied with it (a server refuses another).
  it('holds what a server seeding itself holds, the demo password hashed at a lower cost', async () => {
    const copied = await startTestServer();
    // Another demo password makes the server seed itself (`seedsAsPrepared`), with the password it is given.
    const seeding = await startTestServer({ DEMO_PASSWORD: 'demo' });
    servers.push(copied, seeding);
    expect(copied.seeded).toBe(false);
    expect(seeding.seeded).toBe(true);
    const [fromCopy, fromSeed] = [await contents(copied), await contents(seeding)];
    expect(fromCopy.users).toEqual(fromSeed.users);
    expect(fromCopy.users).toHaveLength(84);
    expect(fromCopy.clauses).toEqual(fromSeed.clauses);
    expect(fromCopy.clauses.length).toBeGreaterThan(14);
    // The production cost where the server seeds; the copy's, named in its hashes, is the test's.
    expect(fromSeed.hashes).toEqual(['scrypt$16384$8$1']);
    expect(fromCopy.hashes).toEqual(['scrypt$1024$8$1']);
  });
});
