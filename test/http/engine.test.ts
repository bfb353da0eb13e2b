import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Guards the second run: in the `postgres` project the servers really store in PostgreSQL. */
describe('storage engine of the test servers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is PostgreSQL in the postgres project and SQLite otherwise', async () => {
    expect(server.ctx.store.sql.dialect).toBe(inject('postgresUrl') ? 'postgres' : 'sqlite');
    expect((await (await server.login('chair')).get('/api/documents/almaty-declaration')).status).toBe(200);
  });
});
