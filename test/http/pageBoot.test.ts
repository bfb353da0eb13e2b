import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BOOT_ID, type PageBoot } from '../../shared/protocol/pages.js';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

/** The page's boot block, parsed as the browser's `JSON.parse(textContent)` would. */
function bootOf(html: string): PageBoot {
  const match = new RegExp(`<script type="application/json" id="${PAGE_BOOT_ID}">(.*?)</script>`).exec(html);
  expect(match, 'the page carries its boot block').not.toBeNull();
  return JSON.parse(match![1]!) as PageBoot;
}

describe('the page the server sends names who is signed in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('names no one for a visitor, the person for a session, and no one once it ended', async () => {
    const visitor = await server.anonymous().get<string>('/documents/almaty-declaration');
    expect(visitor.status).toBe(200);
    expect(bootOf(visitor.body)).toEqual({ user: null });

    const client = await server.login('kaz-delegate');
    const page = await client.get<string>('/documents/almaty-declaration');
    expect(bootOf(page.body).user).toEqual((await client.get('/api/session')).body.user);
    expect(bootOf(page.body).user).toMatchObject({ username: 'kaz-delegate', delegation: 'KAZ' });
    // The page is one person's: no shared cache may keep it.
    expect(page.headers.get('cache-control')).toBe('no-cache, private');

    expect((await client.post('/api/auth/logout', {})).status).toBe(204);
    expect(bootOf((await client.get<string>('/documents/almaty-declaration')).body)).toEqual({ user: null });
  });

  /** The page at `path` as a new person named `displayName` gets it. */
  async function pageOfPersonNamed(username: string, displayName: string, path: string): Promise<string> {
    const admin = await server.login('admin');
    const created = await admin.post('/api/admin/users', {
      username,
      displayName,
      role: 'observer',
      password: 'a-long-password',
    });
    expect(created.status).toBe(201);
    const person = new ApiClient(server.url);
    expect((await person.post('/api/auth/login', { username, password: 'a-long-password' })).status).toBe(200);
    return (await person.get<string>(path)).body;
  }

  it('keeps a name that reads as markup inside its block, inert', async () => {
    const name = 'Evil </script><script>alert(1)</script> \u2028 name';
    const html = await pageOfPersonNamed('markup-name', name, '/');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.split('</script>').length).toBe(html.split('<script').length);
    expect(bootOf(html).user?.displayName).toBe(name);
  });

  it("keeps a name holding a replacement pattern ($&, $`, $') as it is", async () => {
    const name = "Dollar $& $` $' name";
    const html = await pageOfPersonNamed('dollar-name', name, '/documents/almaty-declaration');
    expect(bootOf(html).user?.displayName).toBe(name);
    expect(html.split('<head>').length).toBe(2);
  });
});
