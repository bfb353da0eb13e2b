import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/**
 * Asks for a login link as the admin, with the Host (and proxy headers) a forged request would carry: raw
 * HTTP, since fetch() will not send another Host.
 */
async function linkFor(env: Record<string, string>, headers: Record<string, string>): Promise<string> {
  const server = await startTestServer(env);
  servers.push(server);
  const admin = await server.login('admin');
  const body = JSON.stringify({ usernames: ['chair'] });
  const origin = headers.host ? `http://${headers.host}` : server.url;
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/admin/login-links`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          cookie: admin.cookie!,
          origin,
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(answer.status).toBe(201);
  return (JSON.parse(answer.text) as { links: { url: string }[] }).links[0]!.url;
}

describe('login links', () => {
  it('are built from the configured host and port, never from a forged Host header', async () => {
    const url = await linkFor({}, { host: 'evil.example:8080' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\/link#token=/);
    expect(url).not.toContain('evil');
  });

  it('use PUBLIC_URL when it is set', async () => {
    expect(await linkFor({ PUBLIC_URL: 'https://accord.example.org/' }, { host: 'evil.example' })).toMatch(
      /^https:\/\/accord\.example\.org\/login\/link#token=/,
    );
  });

  it('behind TRUST_PROXY take X-Forwarded-Host only when it names an allowed origin', async () => {
    const env = { TRUST_PROXY: '1', ALLOWED_ORIGINS: 'https://accord.example.org' };
    expect(await linkFor(env, { 'x-forwarded-host': 'accord.example.org', 'x-forwarded-proto': 'http' })).toMatch(
      /^https:\/\/accord\.example\.org\/login\/link/,
    );
    const forged = await linkFor(env, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(forged).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });
});
