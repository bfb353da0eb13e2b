import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import fs from 'node:fs';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

describe('Idempotency-Key on state-changing requests', () => {
  let server: TestServer;
  let chair: ApiClient;
  let clauses: DocumentJson['clauses'];
  let dataDir: string;
  const key = (() => {
    let n = 0;
    return (): string => `action-${Date.now()}-${++n}`;
  })();
  const ledger = async (action: string, subject: string) =>
    (await server.ctx.store.audit.entries()).filter((e) => e.action === action && e.subject === subject);

  beforeAll(async () => {
    server = await startTestServer({}, { keepData: true });
    dataDir = server.dataDir;
    chair = await server.login('chair');
    clauses = ((await chair.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses;
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one vote for a double-sent opening: both answers are the first one', async () => {
    const k = key();
    const body = { subject: { type: 'clause', id: clauses[3]!.id }, rule: 'simple_majority' };
    const [a, b] = await Promise.all([
      chair.post(`/api/documents/${DOC}/votes`, body, { 'idempotency-key': k }),
      chair.post(`/api/documents/${DOC}/votes`, body, { 'idempotency-key': k }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort()).toEqual(
      ['true', null].sort(),
    );
    const votes = (await chair.get(`/api/documents/${DOC}/votes`)).body.votes as {
      id: string;
      subject: { id: string };
    }[];
    expect(votes.filter((v) => v.subject.id === clauses[3]!.id)).toHaveLength(1);
    expect(await ledger('vote.open', `vote:${a.body.id}`)).toHaveLength(1);

    // Later, the vote closed meanwhile: the same key still gets the first answer and opens nothing.
    expect((await chair.post(`/api/votes/${a.body.id}/close`)).status).toBe(200);
    const again = await chair.post(`/api/documents/${DOC}/votes`, body, { 'idempotency-key': k });
    expect([again.status, again.body]).toEqual([201, a.body]);
    expect(
      ((await chair.get(`/api/documents/${DOC}/votes`)).body.votes as { subject: { id: string } }[]).filter(
        (v) => v.subject.id === clauses[3]!.id,
      ),
    ).toHaveLength(1);
  });

  it('records one ballot for a double-sent ballot', async () => {
    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clauses[4]!.id },
      rule: 'simple_majority',
    });
    const head = await server.login('kaz-head');
    const k = key();
    const answers = await Promise.all(
      [1, 2, 3].map(() => head.post(`/api/votes/${vote.body.id}/ballots`, { choice: 'yes' }, { 'idempotency-key': k })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const ballots = [
      ...(await ledger('ballot.cast', `vote:${vote.body.id}`)),
      ...(await ledger('ballot.change', `vote:${vote.body.id}`)),
    ];
    expect(ballots).toHaveLength(1);
  });

  it('refuses a key reused for another request with 422 idempotency_key_reused, changing nothing', async () => {
    const head = await server.login('fra-head');
    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clauses[5]!.id },
      rule: 'simple_majority',
    });
    const k = key();
    expect(
      (await head.post(`/api/votes/${vote.body.id}/ballots`, { choice: 'yes' }, { 'idempotency-key': k })).status,
    ).toBe(200);
    const other = await head.post(`/api/votes/${vote.body.id}/ballots`, { choice: 'no' }, { 'idempotency-key': k });
    expect(other.status).toBe(422);
    expect(other.body.error.id).toBe('idempotency_key_reused');
    expect(
      ((await head.get(`/api/votes/${vote.body.id}`)).body.ballots as { delegation: string; choice: string }[]).find(
        (b) => b.delegation === 'FRA',
      )?.choice,
    ).toBe('yes');
  });

  it('gives a refusal again as it was first given', async () => {
    const observer = await server.login('observer');
    const k = key();
    const first = await observer.post(
      `/api/documents/${DOC}/comments`,
      { clauseId: clauses[2]!.id, body: 'Observers write nothing.' },
      { 'idempotency-key': k },
    );
    expect(first.status).toBe(403);
    const again = await observer.post(
      `/api/documents/${DOC}/comments`,
      { clauseId: clauses[2]!.id, body: 'Observers write nothing.' },
      { 'idempotency-key': k },
    );
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([403, first.body, 'true']);
  });

  it('keys per session: the same key from another session is another action', async () => {
    const k = key();
    const mine = await server.login('deu-delegate');
    const theirs = await server.login('gbr-delegate');
    const body = { clauseId: clauses[2]!.id, body: 'Same key, two people.' };
    const a = await mine.post(`/api/documents/${DOC}/comments`, body, { 'idempotency-key': k });
    const b = await theirs.post(`/api/documents/${DOC}/comments`, body, { 'idempotency-key': k });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('refuses a malformed key with 400 invalid_idempotency_key', async () => {
    const res = await chair.post(
      `/api/documents/${DOC}/now-discussing`,
      { clauseId: clauses[2]!.id },
      { 'idempotency-key': 'x'.repeat(201) },
    );
    expect([res.status, res.body.error.id]).toEqual([400, 'invalid_idempotency_key']);
  });

  it('remembers answers in the database: a retry after a restart gets the first answer', async () => {
    const k = key();
    const body = { clauseId: clauses[2]!.id, body: 'Sent just before the restart.' };
    const first = await chair.post(`/api/documents/${DOC}/comments`, body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    await server.close();
    server = await startTestServer({}, { dataDir });
    // The same session (sessions are rows too), on the restarted server.
    const resumed = new ApiClient(server.url);
    resumed.cookie = chair.cookie;
    const again = await resumed.post(`/api/documents/${DOC}/comments`, body, { 'idempotency-key': k });
    expect([again.status, again.body]).toEqual([201, first.body]);
    const comments = (await resumed.get(`/api/documents/${DOC}/comments`)).body.comments as { body: string }[];
    expect(comments.filter((c) => c.body === body.body)).toHaveLength(1);
  });
});
