import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { absolutePositionToRelativePosition, initProseMirrorDoc } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider, waitFor } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A relative position just after `words` (at the end when null), as the editor would send it for its caret. */
export function caretAfter(doc: Y.Doc, clauseId: string, words: string | null): string {
  const fragment = getClauseFragment(doc, clauseId);
  const { doc: clause, mapping } = initProseMirrorDoc(fragment, clauseSchema);
  // The clause's characters with each one's position, across the text nodes marks cut it into.
  let text = '';
  const positions: number[] = [];
  clause.descendants((node, at) => {
    if (node.isTextblock && text) {
      text += '\n';
      positions.push(-1);
    }
    if (!node.isText) return;
    for (let k = 0; k < node.text!.length; k++) {
      text += node.text![k];
      positions.push(at + k);
    }
  });
  const found = words === null ? -1 : text.indexOf(words);
  if (words !== null && found < 0) throw new Error(`"${words}" is not in ${clauseId}`);
  const pos = words === null ? clause.content.size - 1 : positions[found + words.length - 1]! + 1;
  return base64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping)));
}

/** A comment anchor over `quote` in the clause's first paragraph. */
function anchorOn(doc: Y.Doc, clauseId: string, quote: string): { start: string; end: string; quote: string } {
  const text = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const plain = text
    .toDelta()
    .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
  const at = plain.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in ${clauseId}`);
  const rel = (index: number) => base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
  return { start: rel(at), end: rel(at + quote.length), quote };
}

describe('split and merge', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let delegate: ApiClient;
  let watcher: WebsocketProvider;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    delegate = await server.login('kaz-delegate');
    watcher = stockProvider(server.url, DOC, (await server.login('observer')).cookie!);
    await syncedProvider(watcher);
  });
  afterAll(async () => {
    watcher.destroy();
    await server.close();
  });

  const live = async (): Promise<Y.Doc> => (await server.ctx.registry.get(DOC))!;
  const text = async (clauseId: string): Promise<string> => clauseToPlainText(readClause(await live(), clauseId));
  const view = async (): Promise<{ id: string; kind: string; number: string | null; text: string }[]> =>
    (await secretariat.get(`/api/documents/${DOC}`)).body.clauses;
  const comments = async (): Promise<any[]> => (await secretariat.get(`/api/documents/${DOC}/comments`)).body.comments;

  it('splits an operative paragraph at the caret: the rest becomes the next one, comments stay with the first part', async () => {
    const op = (await view()).find((c) => c.kind === 'operative')!;
    const [head] = op.text.split(' ');
    const comment = await secretariat.post(`/api/documents/${DOC}/comments`, {
      clauseId: op.id,
      body: 'On the verb.',
      anchor: anchorOn(await live(), op.id, head!),
    });
    expect(comment.status).toBe(201);
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${op.id}/split`, {
      at: caretAfter(await live(), op.id, head!),
    });
    expect(res.status).toBe(201);
    const after = await view();
    const first = after.find((c) => c.id === op.id)!;
    const second = after[after.indexOf(first) + 1]!;
    expect(second).toMatchObject({ id: res.body.id, kind: 'operative', number: String(Number(op.number) + 1) });
    expect(first.text + second.text).toBe(op.text);
    expect(first.text).toBe(head);
    const mine = (await comments()).find((c) => c.id === comment.body.id)!;
    expect(mine).toMatchObject({ clauseId: op.id, anchor: { status: 'live', currentQuote: head } });
    await waitFor(() => clauseOrder(watcher.doc).includes(res.body.id), 5000, 'live order');
    expect(clauseToPlainText(readClause(watcher.doc, res.body.id))).toBe(second.text);
    const audit = await server.ctx.store.sql.all("SELECT actor FROM audit_log WHERE action = 'clause.split'");
    expect(audit).toEqual([{ actor: 'secretariat' }]);
  });

  it('moves a comment on words that go to the new clause with them', async () => {
    const op = (await view()).filter((c) => c.kind === 'operative' && c.text.split(' ').length > 6)[1]!;
    const words = op.text.split(' ');
    const tail = words.slice(-2).join(' ');
    const comment = await secretariat.post(`/api/documents/${DOC}/comments`, {
      clauseId: op.id,
      body: 'On the last words.',
      anchor: anchorOn(await live(), op.id, tail),
    });
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${op.id}/split`, {
      at: caretAfter(await live(), op.id, words.slice(0, 3).join(' ')),
    });
    const moved = (await comments()).find((c) => c.id === comment.body.id)!;
    expect(moved).toMatchObject({ clauseId: res.body.id, anchor: { status: 'live', currentQuote: tail } });
  });

  it('keeps who wrote the words through a split and a merge back', async () => {
    const typist = stockProvider(server.url, DOC, delegate.cookie!);
    await syncedProvider(typist);
    const op = (await view()).filter((c) => c.kind === 'operative' && !c.text.includes('\n'))[3]!;
    const text = (getClauseFragment(typist.doc, op.id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ' and KAZ words');
    await waitFor(
      () => getClauseFragment(server.ctx.registry.peek(DOC)!, op.id).toString().includes('KAZ words'),
      5000,
      'typed words on the server',
    );
    const runsOf = async (clauseId: string): Promise<{ text: string; author: string | null }[]> =>
      (await secretariat.get(`/api/documents/${DOC}/clauses/${clauseId}/attribution`)).body.blocks.flatMap(
        (b: { runs: { text: string; author: string | null }[] }) => b.runs,
      );
    const split = await secretariat.post(`/api/documents/${DOC}/clauses/${op.id}/split`, {
      at: caretAfter(await live(), op.id, op.text),
    });
    expect(await runsOf(split.body.id)).toEqual([{ text: ' and KAZ words', author: 'KAZ' }]);
    await secretariat.post(`/api/documents/${DOC}/clauses/${split.body.id}/merge`, {});
    expect((await runsOf(op.id)).at(-1)).toEqual({ text: ' and KAZ words', author: 'KAZ' });
    typist.destroy();
  });

  it('splits at the end of a preambular paragraph into a new empty one, or one of the kind asked for', async () => {
    const pp = (await view()).find((c) => c.kind === 'preamble')!;
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${pp.id}/split`, {
      at: caretAfter(await live(), pp.id, null),
    });
    const created = (await view()).find((c) => c.id === res.body.id)!;
    expect(created).toMatchObject({ kind: 'preamble', text: '' });
    expect(await text(pp.id)).toBe(pp.text);
    const heading = await secretariat.post(`/api/documents/${DOC}/clauses/${res.body.id}/split`, {
      at: caretAfter(await live(), res.body.id, null),
      kind: 'heading',
    });
    expect((await view()).find((c) => c.id === heading.body.id)!.kind).toBe('heading');
  });

  it('refuses a caret the server has not seen yet (409, retried by the editor) and changes nothing', async () => {
    const op = (await view()).find((c) => c.kind === 'operative')!;
    const unseen = base64(
      Y.encodeRelativePosition(Y.createRelativePositionFromJSON({ item: { client: 4242, clock: 7 } })),
    );
    const count = (await view()).length;
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${op.id}/split`, { at: unseen });
    expect([res.status, res.body.error.id]).toEqual([409, 'split_position_unknown']);
    expect((await view()).length).toBe(count);
  });

  it('merges a clause into the one before: one paragraph, its comments and amendments follow their words', async () => {
    const ops = (await view()).filter((c) => c.kind === 'operative');
    const [a, b] = [ops[2]!, ops[3]!];
    const quote = b.text.split(' ').slice(1, 3).join(' ');
    const comment = await secretariat.post(`/api/documents/${DOC}/comments`, {
      clauseId: b.id,
      body: 'On these words.',
      anchor: anchorOn(await live(), b.id, quote),
    });
    const amendment = await delegate.post(`/api/documents/${DOC}/amendments`, {
      clauseId: b.id,
      kind: 'replace',
      text: 'Something else.',
      rationale: 'Clearer.',
    });
    expect(amendment.status).toBe(201);
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${b.id}/merge`, {});
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(a.id);
    const after = await view();
    expect(after.some((c) => c.id === b.id)).toBe(false);
    const merged = after.find((c) => c.id === a.id)!;
    expect(merged.text).toBe(a.text + b.text);
    expect(Number(after[after.indexOf(merged) + 1]?.number)).toBe(Number(a.number) + 1);
    const moved = (await comments()).find((c) => c.id === comment.body.id)!;
    expect(moved).toMatchObject({ clauseId: a.id, anchor: { status: 'live', currentQuote: quote } });
    const amendments = await server.ctx.store.amendments.forDocument(DOC);
    expect(amendments.find((x) => x.id === amendment.body.id)!.clause_id).toBe(a.id);
    expect((await server.ctx.store.documents.clause(DOC, b.id))!.deleted_at).not.toBeNull();
    await waitFor(() => !clauseOrder(watcher.doc).includes(b.id), 5000, 'live merge');
    const restore = await secretariat.post(`/api/documents/${DOC}/clauses/${b.id}/restore`, { after: a.id });
    expect([restore.status, restore.body.error.id]).toEqual([409, 'conflict']);
  });

  it('does not merge into the title or from the first clause, nor a locked clause; delegates may not split', async () => {
    const [title, first] = await view();
    const r1 = await secretariat.post(`/api/documents/${DOC}/clauses/${first!.id}/merge`, {});
    expect([r1.status, r1.body.error.id]).toEqual([409, 'merge_not_possible']);
    expect((await secretariat.post(`/api/documents/${DOC}/clauses/${title!.id}/merge`, {})).status).toBe(409);
    const r2 = await delegate.post(`/api/documents/${DOC}/clauses/${first!.id}/split`, {
      at: caretAfter(await live(), first!.id, null),
    });
    expect([r2.status, r2.body.error.id]).toEqual([403, 'role_not_allowed']);
    const ops = (await view()).filter((c) => c.kind === 'operative');
    const chair = await server.login('chair');
    await chair.post(`/api/documents/${DOC}/clauses/${ops[1]!.id}/status`, { status: 'agreed_ad_ref' });
    const r3 = await secretariat.post(`/api/documents/${DOC}/clauses/${ops[2]!.id}/merge`, {});
    expect([r3.status, r3.body.error.id]).toEqual([403, 'clause_locked']);
    await chair.post(`/api/documents/${DOC}/clauses/${ops[1]!.id}/status`, { status: 'open' });
  });

  it('changes a clause kind, numbering with it, and takes back a deletion with its comments', async () => {
    const ops = (await view()).filter((c) => c.kind === 'operative');
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${ops[0]!.id}/kind`, { kind: 'preamble' });
    expect(res.status).toBe(200);
    const after = await view();
    expect(after.find((c) => c.id === ops[0]!.id)!.kind).toBe('preamble');
    expect(after.find((c) => c.id === ops[1]!.id)!.number).toBe('1');
    const title = after.find((c) => c.kind === 'title')!;
    expect((await secretariat.post(`/api/documents/${DOC}/clauses/${title.id}/kind`, { kind: 'heading' })).status).toBe(
      400,
    );

    const target = ops[4]!;
    const previous = after[after.findIndex((c) => c.id === target.id) - 1]!;
    const note = await secretariat.post(`/api/documents/${DOC}/comments`, { clauseId: target.id, body: 'Keep.' });
    await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${target.id}`);
    expect((await view()).some((c) => c.id === target.id)).toBe(false);
    const back = await secretariat.post(`/api/documents/${DOC}/clauses/${target.id}/restore`, { after: previous.id });
    expect(back.status).toBe(200);
    const restored = await view();
    expect(restored[restored.findIndex((c) => c.id === target.id) - 1]!.id).toBe(previous.id);
    expect(restored.find((c) => c.id === target.id)!.text).toBe(target.text);
    expect((await comments()).find((c) => c.id === note.body.id)!.clauseId).toBe(target.id);
    const again = await secretariat.post(`/api/documents/${DOC}/clauses/${target.id}/restore`, { after: null });
    expect([again.status, again.body.error.id]).toEqual([409, 'clause_not_deleted']);
  });

  it('converges when two people split, move and merge at once while a delegate types: same order and text everywhere', async () => {
    const other = await server.login('secretariat');
    const typist = stockProvider(server.url, DOC, delegate.cookie!);
    await syncedProvider(typist);
    const ops = (await view()).filter((c) => c.kind === 'operative' && c.text.split(' ').length > 6);
    const [x, , before, y, , z, , target, w] = ops;
    const xTail = x!.text.split(' ').slice(-2).join(' ');
    const yWords = y!.text.split(' ').slice(1, 3).join(' ');
    const onX = await secretariat.post(`/api/documents/${DOC}/comments`, {
      clauseId: x!.id,
      body: 'x',
      anchor: anchorOn(await live(), x!.id, xTail),
    });
    const onY = await other.post(`/api/documents/${DOC}/comments`, {
      clauseId: y!.id,
      body: 'y',
      anchor: anchorOn(await live(), y!.id, yWords),
    });
    const at = caretAfter(await live(), x!.id, x!.text.split(' ').slice(0, 2).join(' '));
    // The delegate types at the start of x and into z while the structure changes under them.
    const start = (getClauseFragment(typist.doc, x!.id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    start.insert(0, 'Firmly ');
    const inZ = (getClauseFragment(typist.doc, z!.id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    inZ.insert(inZ.length, ' (typed meanwhile)');
    const answers = await Promise.all([
      secretariat.post(`/api/documents/${DOC}/clauses/${x!.id}/split`, { at }),
      other.post(`/api/documents/${DOC}/clauses/${z!.id}/move`, { after: target!.id }),
      secretariat.post(`/api/documents/${DOC}/clauses/${y!.id}/merge`, {}),
      other.post(`/api/documents/${DOC}/clauses/${w!.id}/move`, { after: ops[1]!.id }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200]);

    const server_ = await live();
    const same = (doc: Y.Doc): boolean =>
      clauseOrder(doc).join() === clauseOrder(server_).join() &&
      clauseOrder(server_).every(
        (id) => getClauseFragment(doc, id).toString() === getClauseFragment(server_, id).toString(),
      );
    await waitFor(() => same(watcher.doc) && same(typist.doc), 5000, 'the same text everywhere');
    const order = clauseOrder(server_);
    expect(order).not.toContain(y!.id);
    expect(order.indexOf(answers[0]!.body.id)).toBe(order.indexOf(x!.id) + 1);
    expect(order.indexOf(z!.id)).toBe(order.indexOf(target!.id) + 1);
    expect(await text(x!.id)).toMatch(/^Firmly /);
    expect(await text(z!.id)).toMatch(/\(typed meanwhile\)$/);
    expect(await text(before!.id)).toBe(before!.text + y!.text);

    const all = await comments();
    expect(all.find((c) => c.id === onX.body.id)).toMatchObject({
      clauseId: answers[0]!.body.id,
      anchor: { status: 'live', currentQuote: xTail },
    });
    expect(all.find((c) => c.id === onY.body.id)).toMatchObject({
      clauseId: before!.id,
      anchor: { status: 'live', currentQuote: yWords },
    });
    const numbers = (await view()).filter((c) => c.kind === 'operative').map((c) => Number(c.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    typist.destroy();
  });
});
