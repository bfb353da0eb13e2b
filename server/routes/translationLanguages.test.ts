import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../test/helpers/documents.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server.close());

/** Creates an observer account and answers its id. */
async function observer(username: string): Promise<string> {
  const created = await (
    await as('admin')
  ).post('/api/admin/users', { username, displayName: username, role: 'observer', password: 'translate-me' });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('giving and taking translation languages on an existing account', () => {
  it('replaces the list, which the account list, the person’s session and the ledger then show', async () => {
    const id = await observer('late-translator');
    const person = await server.login('late-translator', 'translate-me');
    const admin = await as('admin');

    const given = await admin.post(`/api/admin/users/${id}/translation-languages`, {
      translationLanguages: ['kk', 'ru', 'kk'],
    });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ id, username: 'late-translator', translationLanguages: ['kk', 'ru'] });
    const listed = (await admin.get('/api/admin/users')).body.users.find((u: { id: string }) => u.id === id);
    expect(listed.translationLanguages).toEqual(['kk', 'ru']);
    // The session already open reads the new list.
    expect((await person.get('/api/auth/me')).body.user.translationLanguages).toEqual(['kk', 'ru']);

    const taken = await admin.post(`/api/admin/users/${id}/translation-languages`, { translationLanguages: [] });
    expect(taken.body.translationLanguages).toEqual([]);
    expect((await person.get('/api/auth/me')).body.user.translationLanguages ?? []).toEqual([]);

    const entries = await server.ctx.store.audit.forSubject(`user:${id}`);
    expect(entries.filter((e) => e.action === 'user.translates').map((e) => e.payload)).toEqual([
      { username: 'late-translator', translates: ['kk', 'ru'] },
      { username: 'late-translator', translates: [] },
    ]);
  });

  it('refuses anyone but the admin, an unknown account and a language outside the list, changing nothing', async () => {
    const id = await observer('kept-translator');
    const path = `/api/admin/users/${id}/translation-languages`;
    const body = { translationLanguages: ['kk'] };
    expect((await (await as('secretariat')).post(path, body)).body.error.id).toBe('role_not_allowed');
    const admin = await as('admin');
    const unknown = await admin.post('/api/admin/users/nobody/translation-languages', body);
    expect([unknown.status, unknown.body.error.id]).toEqual([404, 'user_not_found']);
    const bad = await admin.post(path, { translationLanguages: ['xx'] });
    expect([bad.status, bad.body.error.id]).toEqual([400, 'invalid_input']);
    const listed = (await admin.get('/api/admin/users')).body.users.find((u: { id: string }) => u.id === id);
    expect(listed.translationLanguages).toEqual([]);
    expect((await server.ctx.store.audit.forSubject(`user:${id}`)).map((e) => e.action)).toEqual(['user.create']);
  });
});
