import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

const DOC = 'almaty-declaration';

describe('answers kept for Idempotency-Key, per person', () => {
  let server: TestServer;
  let chair: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ IDEMPOTENCY_KEYS_PER_PERSON: '5' });
    chair = await server.login('chair');
  });
  afterAll(() => server?.close());

  it('keeps only the newest answers of a person sending a fresh key with every request', async () => {
    const userId = (await server.ctx.store.users.byUsername('chair'))!.id;
    // A request refused at once (its answer, 400, is kept like any other), under twelve fresh keys.
    const send = (key: string) => chair.post(`/api/documents/${DOC}/votes`, {}, { 'idempotency-key': key });
    for (let i = 1; i <= 12; i++) expect((await send(`fresh-${i}`)).status).toBe(400);
    expect(await server.ctx.store.idempotencyKeys.countFor(userId)).toBe(5);
    // The newest is still answered from the table; the oldest was forgotten and runs again.
    expect((await send('fresh-12')).headers.get('idempotent-replayed')).toBe('true');
    expect((await send('fresh-1')).headers.get('idempotent-replayed')).toBeNull();
    expect(await server.ctx.store.idempotencyKeys.countFor(userId)).toBe(5);
  });
});
