import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { TokenBuckets } from './rateLimit.js';

const DOC = 'almaty-declaration';

describe('TokenBuckets', () => {
  it('lets a burst through, then the rate, and says how long to wait', () => {
    const buckets = new TokenBuckets(3, 60);
    const t = 1_000_000;
    expect([buckets.take('a', t), buckets.take('a', t), buckets.take('a', t)]).toEqual([0, 0, 0]);
    expect(buckets.take('a', t)).toBe(1000);
    expect(buckets.take('b', t)).toBe(0);
    expect(buckets.take('a', t + 500)).toBe(500);
    expect(buckets.take('a', t + 1000)).toBe(0);
    // It fills up again, to its capacity and no further.
    const later = t + 60_000;
    expect([
      buckets.take('a', later),
      buckets.take('a', later),
      buckets.take('a', later),
      buckets.take('a', later),
    ]).toEqual([0, 0, 0, 1000]);
  });
});

describe('rate limit on HTTP commands', () => {
  let server: TestServer;
  let chair: ApiClient;
  let clauses: DocumentJson['clauses'];

  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.login('chair');
    clauses = ((await chair.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses;
  });
  afterAll(() => server?.close());

  it("never holds a chair's busiest minute: 45 commands at once, double clicks included", async () => {
    const sent: { status: number; what: string }[] = [];
    const send = async (what: string, path: string, body?: unknown) => {
      const res = await chair.post(path, body);
      sent.push({ status: res.status, what });
      return res;
    };
    await send('stage', `/api/documents/${DOC}/stage`, { stage: 'negotiation' });
    for (let i = 0; i < 12; i++) {
      const clause = clauses[2 + (i % 6)]!;
      await send('status', `/api/documents/${DOC}/clauses/${clause.id}/status`, {
        status: i % 2 ? 'open' : 'under_discussion',
      });
      await send('now discussing', `/api/documents/${DOC}/now-discussing`, { clauseId: clause.id });
    }
    for (let i = 0; i < 5; i++) {
      const vote = await send('open vote', `/api/documents/${DOC}/votes`, {
        subject: { type: 'clause', id: clauses[3 + i]!.id },
        rule: 'simple_majority',
      });
      await send('close vote', `/api/votes/${vote.body.id}/close`);
      // A double click on the close button.
      await send('close again', `/api/votes/${vote.body.id}/close`);
    }
    for (let i = 0; i < 5; i++)
      await send('comment', `/api/documents/${DOC}/comments`, { clauseId: clauses[2]!.id, body: `Point ${i}.` });
    expect(sent).toHaveLength(45);
    expect(sent.filter((s) => s.status === 429)).toEqual([]);
  });

  it('holds a flood from one person to the rate with 429 rate_limited and Retry-After, and no one else', async () => {
    const flooder = await server.login('fra-delegate');
    const other = await server.login('deu-delegate');
    const started = performance.now();
    const answers: { status: number; headers: Headers; body: any }[] = [];
    // 200 comments, twenty at a time.
    for (let round = 0; round < 10; round++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            flooder.post(`/api/documents/${DOC}/comments`, { clauseId: clauses[3]!.id, body: `Spam ${round}-${i}` }),
          ),
        )),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const accepted = answers.filter((a) => a.status === 201).length;
    const refused = answers.filter((a) => a.status === 429);
    // The burst (60) and what the rate (2 a second) refilled meanwhile.
    expect(accepted).toBeGreaterThanOrEqual(60);
    expect(accepted).toBeLessThanOrEqual(60 + Math.ceil(seconds * 2) + 1);
    expect(refused.length).toBe(200 - accepted);
    for (const r of refused) {
      expect(r.body.error.id).toBe('rate_limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    const comments = (await other.get(`/api/documents/${DOC}/comments`)).body.comments as { body: string }[];
    expect(comments.filter((c) => c.body.startsWith('Spam'))).toHaveLength(accepted);
    // Someone else is not held; the flooder is served again after the wait it was told.
    expect(
      (await other.post(`/api/documents/${DOC}/comments`, { clauseId: clauses[3]!.id, body: 'Meanwhile.' })).status,
    ).toBe(201);
    const wait = Number(refused.at(-1)!.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect(
      (await flooder.post(`/api/documents/${DOC}/comments`, { clauseId: clauses[3]!.id, body: 'Later.' })).status,
    ).toBe(201);
  }, 60_000);
});
