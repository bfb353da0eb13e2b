import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { presentations } from './jsonCache.js';

const DOC = 'almaty-declaration';

describe('presentations built once per version of the text', () => {
  let server: TestServer;
  let readers: ApiClient[];
  let clauseId: string;

  beforeAll(async () => {
    server = await startTestServer();
    readers = await Promise.all(['observer', 'kaz-head', 'fra-delegate'].map((u) => server.login(u)));
    clauseId = ((await readers[0]!.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses[3]!.id;
  });
  afterAll(() => server?.close());

  /** Deletes the first `n` characters of the clause: a change that adds no struct (no state vector moves). */
  const deleteStart = (n: number) =>
    server.ctx.registry.change(DOC, { userId: null, delegation: null }, (doc) => {
      const paragraph = getClauseFragment(doc, clauseId).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).delete(0, n);
    });

  it('serves every reader of the document the same presentation, built once, and a new one after any change', async () => {
    await deleteStart(1);
    const built = presentations.built;
    const first = await Promise.all(readers.map((r) => r.get(`/api/documents/${DOC}`)));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(first.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(presentations.built - built).toBe(1);
    const before = (first[0]!.body as DocumentJson).clauses.find((c) => c.id === clauseId)!.text;

    await deleteStart(5);
    const after = (await readers[1]!.get(`/api/documents/${DOC}`)).body as DocumentJson;
    expect(after.clauses.find((c) => c.id === clauseId)!.text).toBe(before.slice(5));
    expect(presentations.built - built).toBe(2);

    // A status change is a change too (it is in the clause rows, not in the text).
    const chair = await server.login('chair');
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${clauseId}/status`, { status: 'under_discussion' })).status,
    ).toBe(200);
    expect(
      ((await readers[2]!.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.find((c) => c.id === clauseId)!
        .status,
    ).toBe('under_discussion');
  });

  it('keeps the presentation through events that change nothing it shows (the document’s event count moves)', async () => {
    const chair = await server.login('chair');
    await readers[0]!.get(`/api/documents/${DOC}`);
    const built = presentations.built;
    // The chair points the room at a clause: one event to the document's room, nothing in the text or its rows.
    expect((await chair.post(`/api/documents/${DOC}/now-discussing`, { clauseId })).status).toBe(200);
    expect((await chair.post(`/api/documents/${DOC}/now-discussing`, { clauseId: null })).status).toBe(200);
    expect((await readers[1]!.get(`/api/documents/${DOC}`)).status).toBe(200);
    expect(presentations.built - built).toBe(0);
  });

  it('compares a revision with the live text once per version of the live text', async () => {
    const secretariat = await server.login('secretariat');
    const revision = (await secretariat.post(`/api/documents/${DOC}/revisions`, { name: 'Cached' })).body.id as string;
    await deleteStart(3);
    const built = presentations.built;
    const answers = await Promise.all(
      readers.map((r) => r.get(`/api/documents/${DOC}/revisions/diff?from=${revision}`)),
    );
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(presentations.built - built).toBe(1);
    const changed = (body: { clauses: { id: string; change: string }[] }) =>
      body.clauses.find((c) => c.id === clauseId)!.change;
    expect(changed(answers[0]!.body)).toBe('changed');
    await deleteStart(2);
    const again = await readers[0]!.get(`/api/documents/${DOC}/revisions/diff?from=${revision}`);
    expect(presentations.built - built).toBe(2);
    expect(JSON.stringify(again.body)).not.toBe(JSON.stringify(answers[0]!.body));
  });
});
