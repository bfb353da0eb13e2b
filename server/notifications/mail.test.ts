import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../shared/api/routes.js';
import { actorOf } from '../auth/session.js';
import { newId } from '../db/ids.js';
import { createDocument } from '../commands/createDocument.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

/** A real SMTP server on 127.0.0.1 that keeps every message it is given, parsed; it wants `user`/`secret`. */
async function startMailbox(port = 0): Promise<{ port: number; received: ParsedMail[]; close(): Promise<void> }> {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'user' && auth.password === 'secret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (smtp.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** A port nothing listens on (taken from the system, then let go). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(env: Record<string, string>): Promise<TestServer> {
  const s = await startTestServer(env, { server: { mail: { pollMs: 100, retryMs: 200 } } });
  cleanups.push(() => s.close());
  return s;
}

/** A document in adoption, a KAZ delegate with an address (in `language`), and the admin's API to make them. */
async function setUp(s: TestServer, language?: 'ru'): Promise<{ documentId: string; email: string; username: string }> {
  const documentId = `doc-${newId()}`;
  const secretariat = actorOf((await s.ctx.store.users.byUsername('secretariat'))!);
  await createDocument(s.ctx, secretariat, {
    id: documentId,
    conferenceId: (await s.ctx.store.conferences.current())!.id,
    title: 'Almaty test declaration',
    symbol: `TEST/${documentId}`,
    stage: 'adoption',
    clauses: [
      { kind: 'title', text: 'Almaty test declaration' },
      { kind: 'operative', text: '*Calls upon* States to act.' },
    ],
  });
  const email = `delegate-${newId().toLowerCase()}@example.org`;
  const admin = await s.login('admin');
  const username = `kaz-${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}`;
  const created = await admin.call(ROUTES.createUser, {
    body: {
      username,
      displayName: 'Aigerim Test',
      role: 'delegate',
      delegation: 'KAZ',
      password: 'long enough password',
      email: email.toUpperCase(),
      ...(language ? { language } : {}),
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body).toMatchObject({ email, language: language ?? null });
  return { documentId, email, username };
}

async function openVote(s: TestServer, documentId: string): Promise<string> {
  const chair = await s.login('chair');
  const res = await chair.post(`/api/documents/${documentId}/votes`, {
    subject: { type: 'document' },
    rule: 'simple_majority',
    acknowledge: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('notifications by e-mail through SMTP', () => {
  it('a vote opened: the delegate with an address receives one message, with the subject and the link', async () => {
    const mailbox = await startMailbox();
    cleanups.push(() => mailbox.close());
    const s = await server({
      SMTP_URL: `smtp://user:secret@127.0.0.1:${mailbox.port}`,
      SMTP_FROM: 'Accord <accord@wic.example>',
      PUBLIC_URL: 'https://accord.wic.example',
    });
    const { documentId, email, username } = await setUp(s);
    const voteId = await openVote(s, documentId);

    await vi.waitFor(() => expect(mailbox.received.length).toBe(1), { timeout: 10_000, interval: 50 });
    const [mail] = mailbox.received;
    expect(mail!.to).toMatchObject({ value: [{ address: email }] });
    expect(mail!.from).toMatchObject({ value: [{ address: 'accord@wic.example' }] });
    expect(mail!.subject).toBe('A vote is open on the whole text · Almaty test declaration');
    const link = `https://accord.wic.example/documents/${documentId}/delegation#vote-${voteId}`;
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);
    // Sent once, whatever the passes that follow.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(mailbox.received.length).toBe(1);
    // Demo accounts have no address: nothing was queued for them.
    const rows = await s.ctx.store.sql.all<{ status: string }>('SELECT status FROM mail_outbox');
    expect(rows).toEqual([{ status: 'sent' }]);

    // The person turns e-mail off: the next vote is in the centre only.
    const delegate = await s.login(username, 'long enough password');
    expect((await delegate.call(ROUTES.notifications)).body.email).toEqual({
      address: email,
      enabled: true,
      serverSends: true,
    });
    const off = await delegate.call(ROUTES.setEmailPreference, { body: { enabled: false } });
    expect(off.body).toEqual({ address: email, enabled: false, serverSends: true });
    await s.login('chair').then((chair) => chair.post(`/api/votes/${voteId}/close`));
    await openVote(s, documentId);
    await s.notifications.notifier.settled();
    expect((await delegate.call(ROUTES.notifications)).body.notifications.map((n) => n.kind)).toEqual([
      'vote_opened',
      'vote_opened',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(mailbox.received.length).toBe(1);
  });

  it('writes in the recipient’s language', async () => {
    const mailbox = await startMailbox();
    cleanups.push(() => mailbox.close());
    const s = await server({ SMTP_URL: `smtp://user:secret@127.0.0.1:${mailbox.port}` });
    const { documentId } = await setUp(s, 'ru');
    await openVote(s, documentId);
    await vi.waitFor(() => expect(mailbox.received.length).toBe(1), { timeout: 10_000, interval: 50 });
    expect(mailbox.received[0]!.subject).toBe('Открыто голосование по тексту в целом · Almaty test declaration');
    expect(mailbox.received[0]!.text).toContain('Открыть в Accord: http://127.0.0.1:');
  });

  it('SMTP down: the command still answers 2xx, and the message is sent once the server is back', async () => {
    const port = await freePort();
    const s = await server({ SMTP_URL: `smtp://user:secret@127.0.0.1:${port}` });
    const { documentId } = await setUp(s);
    await openVote(s, documentId);

    const [row] = await vi.waitFor(
      async () => {
        const rows = await s.ctx.store.sql.all<{ status: string; attempts: number; last_error: string | null }>(
          'SELECT status, attempts, last_error FROM mail_outbox',
        );
        expect(rows[0]?.last_error).toBeTruthy(); // claimed, tried and put back
        return rows;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(row).toMatchObject({ status: 'pending' });
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);

    const mailbox = await startMailbox(port);
    cleanups.push(() => mailbox.close());
    await vi.waitFor(() => expect(mailbox.received.length).toBe(1), { timeout: 15_000, interval: 50 });
    await vi.waitFor(async () =>
      expect(await s.ctx.store.sql.all('SELECT status FROM mail_outbox')).toEqual([{ status: 'sent' }]),
    );
  });

  it('without SMTP_URL nothing is queued or sent', async () => {
    const mailbox = await startMailbox();
    cleanups.push(() => mailbox.close());
    const s = await server({});
    const { documentId } = await setUp(s);
    await openVote(s, documentId);
    // `vote:opened` is heard at the commit, before the answer: settling the notifier covers it.
    await s.notifications.notifier.settled();
    expect((await s.ctx.store.sql.all('SELECT id FROM notifications')).length).toBeGreaterThan(0);
    expect(s.notifications.mail).toBeUndefined();
    expect(await s.ctx.store.sql.all('SELECT * FROM mail_outbox')).toEqual([]);
    expect(mailbox.received).toEqual([]);
  });
});
