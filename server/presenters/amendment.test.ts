import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import { diffAfter, diffBefore } from '../../shared/domain/wordDiff.js';
import { createDocument } from '../commands/createDocument.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { wordDiffs } from './diffCache.js';

const vocabulary =
  'the of and education inclusive learners States shall ensure access quality teachers schools rights children'.split(
    ' ',
  );
function text(chars: number, seed: number): string {
  let out = '';
  for (let x = seed; out.length < chars;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += `${vocabulary[x % vocabulary.length]} `;
  }
  return out.slice(0, chars).trim();
}

describe('amendment diffs', () => {
  let server: TestServer;
  let fra: ApiClient;
  let observers: ApiClient[];
  let clauseId: string;

  beforeAll(async () => {
    server = await startTestServer();
    // A clause grown to 60 kB while drafting had no limit: the text limits stop new ones, old ones remain.
    const conference = (await server.ctx.store.conferences.current())!;
    [, clauseId] = (await createDocument(server.ctx, null, {
      id: 'grown',
      conferenceId: conference.id,
      title: 'Grown',
      symbol: 'G/1',
      clauses: [
        { kind: 'title', text: 'Grown' },
        { kind: 'operative', text: text(60_000, 1) },
      ],
    })) as [string, string];
    fra = await server.login('fra-delegate');
    observers = await Promise.all(['observer', 'kaz-head', 'deu-delegate'].map((u) => server.login(u)));
  });
  afterAll(() => server?.close());

  it('are bounded and computed once: a 20,000-character rewrite of a 60 kB clause holds no one (it held the server 42 s per reader)', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const computed = wordDiffs.computed;
    const threaded = wordDiffs.threaded;
    const started = performance.now();
    const proposal = await fra.post('/api/documents/grown/amendments', {
      clauseId,
      kind: 'replace',
      text: text(20_000, 2),
      rationale: 'Shorter.',
    });
    expect(proposal.status).toBe(201);
    const lists = await Promise.all(
      [fra, ...observers, ...observers].map((c) => c.get('/api/documents/grown/amendments')),
    );
    const one = await fra.get(`/api/amendments/${proposal.body.id}`);
    const took = performance.now() - started;
    delay.disable();

    const view = one.body as AmendmentJson;
    expect(view.diffGranularity).toBe('replacement');
    expect(diffBefore(view.diff)).toBe(view.baseText);
    expect(diffAfter(view.diff)).toBe(view.textPlain);
    for (const list of lists) expect(list.body.amendments).toEqual([view]);
    // One diff for the proposal, its event and eight readers.
    expect(wordDiffs.computed - computed).toBe(1);
    // On the diff thread, not the event loop.
    expect(wordDiffs.threaded - threaded).toBe(1);
    // Generous bounds for a loaded machine; the unbounded diff took 42 s for each of these readers.
    expect(took).toBeLessThan(15_000);
    expect(delay.max / 1e6).toBeLessThan(2000);
  });

  it('keep a word diff for an ordinary change, and diff a stale amendment against today’s text once', async () => {
    const proposal = await fra.post('/api/documents/grown/amendments', {
      clauseId,
      kind: 'replace',
      text: `${text(60_000, 1)} and more`,
      rationale: 'Longer.',
    });
    // Over the clause limit: refused. A short one on the title instead.
    expect(proposal.status).toBe(413);
    const titleId = (await fra.get('/api/documents/grown')).body.clauses[0].id as string;
    const short = await fra.post('/api/documents/grown/amendments', {
      clauseId: titleId,
      kind: 'replace',
      text: 'The Grown',
      rationale: 'Clearer.',
    });
    const view = (await fra.get(`/api/amendments/${short.body.id}`)).body as AmendmentJson;
    expect(view.diffGranularity).toBe('words');
    expect(view.diff).toEqual([
      { op: 'insert', text: 'The ' },
      { op: 'equal', text: 'Grown' },
    ]);

    // The title changes under it: it is stale, and its diff against today's text is computed at the first read.
    const { replaceClauseText } = await import('../commands/amendmentText.js');
    await server.ctx.registry.change('grown', { userId: null, delegation: null }, (doc) =>
      replaceClauseText(doc, titleId, 'Grown text'),
    );
    const computed = wordDiffs.computed;
    for (const reader of [fra, ...observers]) {
      const stale = (await reader.get(`/api/amendments/${short.body.id}`)).body as AmendmentJson;
      expect(stale).toMatchObject({ stale: true, diffCurrentGranularity: 'words' });
      expect(diffBefore(stale.diffCurrent!)).toBe('Grown text');
    }
    expect(wordDiffs.computed - computed).toBe(1);
  });
});
