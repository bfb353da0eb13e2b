import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { withClauseAmendments, withClauseRead } from '../../client/api/liveLists.js';
import { freshDocument, signedIn } from '../helpers/documents.js';
import { useFollowers, type Follower } from '../helpers/events.js';
import { waitFor } from '../helpers/collabClient.js';
import { spanOver } from '../helpers/spans.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * `amendment:changed` goes to every socket following the document: it carries the amendment that changed
 * and, of its clause's others, only the small fields the change moved. A client merging the events into the
 * list it read holds what the list says.
 */
describe('amendment events', () => {
  let server: TestServer;
  const as = signedIn(() => server);
  const followers = useFollowers();

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const list = async (documentId: string, query = ''): Promise<AmendmentJson[]> =>
    (await (await as('observer')).get(`/api/documents/${documentId}/amendments${query}`)).body.amendments;
  const propose = async (username: string, documentId: string, body: Record<string, unknown>): Promise<string> => {
    const res = await (
      await as(username)
    ).post(`/api/documents/${documentId}/amendments`, {
      rationale: 'Clearer.',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const changes = (follower: Follower): AmendmentChanged[] =>
    follower.events.filter(([e]) => e === 'amendment:changed').map(([, payload]) => payload as AmendmentChanged);
  const heard = async (follower: Follower, count: number): Promise<AmendmentChanged[]> => {
    await waitFor(() => changes(follower).length >= count);
    return changes(follower);
  };
  const follow = async (documentId: string): Promise<Follower> =>
    followers.follow(server.url, (await as('observer')).cookie!, documentId);

  it('carries one amendment’s text, however many its clause has, and the others’ conflicts', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const op2 = doc.clauses[3]!;
    const observer = await follow(doc.id);
    const ids: string[] = [];
    for (const [who, word] of [
      ['fra-delegate', 'Alpha'],
      ['deu-head', 'Bravo'],
      ['gbr-delegate', 'Charlie'],
    ] as const) {
      ids.push(await propose(who, doc.id, { clauseId: op2, kind: 'replace', text: `*Encourages* ${word} work.` }));
    }
    const third = (await heard(observer, 3))[2]!;
    const [a, b, c] = ids as [string, string, string];
    expect(third).toMatchObject({ amendmentId: c, change: 'proposed', amendment: { id: c, conflictsWith: [a, b] } });
    const bytes = JSON.stringify(third);
    expect(bytes).toContain('Charlie');
    expect(bytes).not.toMatch(/Alpha|Bravo/);
    expect(third.others).toEqual([
      { id: a, conflictsWith: [b, c] },
      { id: b, conflictsWith: [a, c] },
    ]);
  });

  it('merged into the list a client read, leaves it as the list reads now', async () => {
    const doc = await freshDocument(server, 'negotiation', [
      { kind: 'title', text: 'Test declaration' },
      { kind: 'operative', text: '*Calls upon* States to invest in the initial and continuing training of teachers.' },
      { kind: 'operative', text: '*Encourages* cooperation.' },
    ]);
    const [op1, op2] = [doc.clauses[1]!, doc.clauses[2]!];
    const observer = await follow(doc.id);
    await propose('fra-delegate', doc.id, { clauseId: op2, kind: 'replace', text: '*Encourages* exchanges.' });
    await heard(observer, 1);
    const read = await list(doc.id);
    const from = changes(observer).length;
    const replayed = async (): Promise<AmendmentJson[]> =>
      changes(observer).slice(from).reduce(withClauseAmendments, read);

    const span = (words: string) => spanOver(server, doc.id, op1, words);
    const s1 = await propose('fra-delegate', doc.id, {
      clauseId: op1,
      kind: 'replace',
      span: await span('initial and continuing'),
      text: 'lifelong',
    });
    const s2 = await propose('deu-head', doc.id, {
      clauseId: op1,
      kind: 'replace',
      span: await span('continuing training'),
      text: 'ongoing training',
    });
    const s3 = await propose('gbr-delegate', doc.id, {
      clauseId: op1,
      kind: 'replace',
      span: await span('teachers'),
      text: 'educators',
    });
    const w1 = await propose('fra-delegate', doc.id, {
      clauseId: op1,
      kind: 'replace',
      text: '*Calls upon* States to train teachers.',
    });
    expect((await (await as('gbr-delegate')).post(`/api/amendments/${s1}/cosponsor`)).status).toBe(200);
    expect((await (await as('fra-delegate')).post(`/api/amendments/${w1}/withdraw`)).status).toBe(200);
    const beforeAcceptance = await heard(observer, from + 6);
    // Withdrawn, the whole-clause amendment no longer conflicts with any of the three on spans.
    expect(beforeAcceptance.at(-1)!.others).toEqual([
      { id: s1, conflictsWith: [s2] },
      { id: s2, conflictsWith: [s1] },
      { id: s3, conflictsWith: [] },
    ]);
    // A co-sponsor moves nothing in the others.
    expect(beforeAcceptance.at(-2)).toMatchObject({ change: 'cosponsored', others: [] });
    expect(await replayed()).toEqual(await list(doc.id));

    const accepted = await (await as('secretariat')).post(`/api/amendments/${s1}/decision`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    const [acceptance] = (await heard(observer, from + 7)).slice(from + 6);
    // The text changed: s2's words are gone, s3's moved; each comes as a patch, never with a text or a diff. The
    // withdrawn w1 shows itself against the text it was written against: nothing moved in it.
    const patch = (id: string) => acceptance!.others.find((o) => o.id === id);
    expect(acceptance!.others.map((o) => o.id)).toEqual([s2, s3]);
    for (const other of acceptance!.others) {
      expect(Object.keys(other).sort()).toEqual(['clauseDeleted', 'clauseRef', 'conflictsWith', 'id', 'span', 'stale']);
    }
    expect(patch(s2)).toMatchObject({ stale: true, conflictsWith: [], span: { quote: 'continuing training' } });
    expect(patch(s2)!.span!.currentQuote).not.toBe('continuing training');
    const now = await list(doc.id);
    const small = (amendments: AmendmentJson[]) =>
      amendments.map(
        ({ diff: _d, diffGranularity: _g, diffCurrent: _c, diffCurrentGranularity: _cg, ...rest }) => rest,
      );
    expect(small(await replayed())).toEqual(small(now));
    // Their diffs against today's text the page reads again, for that clause only.
    expect(withClauseRead(await replayed(), op1, await list(doc.id, `?clauseId=${op1}`))).toEqual(now);
  });

  it('tells every other amendment of a clause an accepted deletion took out of the text', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const op2 = doc.clauses[3]!;
    const observer = await follow(doc.id);
    const read = await list(doc.id);
    const rejected = await propose('fra-delegate', doc.id, { clauseId: op2, kind: 'replace', text: '*Welcomes* it.' });
    const secretariat = await as('secretariat');
    expect((await secretariat.post(`/api/amendments/${rejected}/decision`, { decision: 'reject' })).status).toBe(200);
    const deletion = await propose('deu-head', doc.id, { clauseId: op2, kind: 'delete' });
    const pending = await propose('gbr-delegate', doc.id, { clauseId: op2, kind: 'replace', text: '*Notes* it.' });
    expect((await secretariat.post(`/api/amendments/${deletion}/decision`, { decision: 'accept' })).status).toBe(200);
    const events = await heard(observer, 5);
    const gone = { stale: false, clauseDeleted: true, clauseRef: null, span: null, conflictsWith: [] };
    expect(events[4]!.others).toEqual([
      { id: rejected, ...gone },
      { id: pending, ...gone },
    ]);
    expect(events.reduce(withClauseAmendments, read)).toEqual(await list(doc.id));
  });

  it('renumbers the amendments of the clauses an accepted insertion or deletion moved', async () => {
    const doc = await freshDocument(server, 'negotiation', [
      { kind: 'title', text: 'Test declaration' },
      { kind: 'preamble', text: '*Recognizing* the right to education,' },
      { kind: 'operative', text: '*Calls upon* States to act.' },
      { kind: 'operative', text: '*Encourages* cooperation.' },
      { kind: 'operative', text: '*Decides* to remain seized.' },
    ]);
    const [pp1, op1, op2, op3] = doc.clauses.slice(1) as [string, string, string, string];
    const observer = await follow(doc.id);
    const onPp1 = await propose('fra-delegate', doc.id, { clauseId: pp1, kind: 'replace', text: '*Noting* it,' });
    const onOp3 = await propose('deu-head', doc.id, { clauseId: op3, kind: 'replace', text: '*Decides* to act.' });
    const insertion = await propose('gbr-delegate', doc.id, {
      clauseId: op1,
      kind: 'insert_after',
      text: '*Invites* donors to help.',
    });
    await heard(observer, 3);
    const read = await list(doc.id);
    expect(read.find((a) => a.id === onOp3)!.clauseRef).toBe('OP3');
    const from = changes(observer).length;
    const secretariat = await as('secretariat');
    expect((await secretariat.post(`/api/amendments/${insertion}/decision`, { decision: 'accept' })).status).toBe(200);
    const [inserted] = (await heard(observer, from + 1)).slice(from);
    // OP2 and OP3 are now OP3 and OP4: the amendment on the old OP3 says so; the preambular one did not move.
    expect(inserted!.others).toEqual([{ id: onOp3, clauseRef: 'OP4' }]);
    const afterInsertion = [inserted!].reduce(withClauseAmendments, read);
    expect(afterInsertion).toEqual(await list(doc.id));

    const deletion = await propose('fra-delegate', doc.id, { clauseId: op2, kind: 'delete' });
    expect((await secretariat.post(`/api/amendments/${deletion}/decision`, { decision: 'accept' })).status).toBe(200);
    const afterDeletion = (await heard(observer, from + 3))
      .slice(from + 1)
      .reduce(withClauseAmendments, afterInsertion);
    expect(afterDeletion.find((a) => a.id === onOp3)!.clauseRef).toBe('OP3');
    expect(afterDeletion.find((a) => a.id === onPp1)!.clauseRef).toBe('PP1');
    expect(afterDeletion).toEqual(await list(doc.id));
  });

  it('stays the size of one amendment when ten at the clause limit arrive together', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const op1 = doc.clauses[2]!;
    const observer = await follow(doc.id);
    const words = (n: number) => Array.from({ length: 3_000 }, (_, i) => `w${n}x${i % 10}`).join(' ');
    const long = Array.from({ length: 10 }, (_, n) => `*Calls upon* ${words(n)}`.slice(0, 20_000));
    await Promise.all(long.map((text) => propose('fra-delegate', doc.id, { clauseId: op1, kind: 'replace', text })));
    const events = await heard(observer, 10);
    const views = new Map((await list(doc.id)).map((a) => [a.id, Buffer.byteLength(JSON.stringify(a))]));
    for (const e of events) {
      // Its own view, give or take its conflicts, and a few ids for each other amendment.
      expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(
        views.get(e.amendmentId)! + 250 * e.others.length + 500,
      );
    }
  });
});
