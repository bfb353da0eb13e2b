import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { INSERTION_MARK, suggestionsIn } from '../../shared/editor/suggestions.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { getClauseFragment, getOrder, readClause, writeClause } from '../../shared/editor/ydoc.js';
import { SALVAGE_ORIGIN, salvage } from './salvage.js';
import { writeSuggestion } from './suggestedRestore.js';

const text = (doc: Y.Doc, clauseId: string): string => clauseToPlainText(readClause(doc, clauseId));

/** The first paragraph's text of a clause. */
const firstText = (doc: Y.Doc, clauseId: string): Y.XmlText =>
  (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Appends to the clause's first paragraph, as a typist would. */
function typeInto(doc: Y.Doc, clauseId: string, words: string, at?: number): void {
  const xmlText = firstText(doc, clauseId);
  xmlText.insert(at ?? xmlText.length, words);
}

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/** The server's copy: three clauses; `previous` is a person's copy of it, `fresh` the server's later state. */
function setting(): { server: Y.Doc; previous: Y.Doc } {
  const server = new Y.Doc();
  server.transact(() => {
    getOrder(server).push(['a', 'b', 'c']);
    writeClause(server, 'a', parseMarkup('Recognizing the right to education'));
    writeClause(server, 'b', parseMarkup('Calls upon States'));
    writeClause(server, 'c', parseMarkup('Decides to remain seized of the matter'));
  });
  return { server, previous: copyOf(server) };
}

describe('salvage', () => {
  it('writes this person’s edits again where they may write, keeping what others typed meanwhile, and hands back the rest', () => {
    const { server, previous } = setting();
    // Offline: edits in a and b. Meanwhile someone else edits a on the server.
    typeInto(previous, 'a', ' of persons with disabilities');
    typeInto(previous, 'b', ' to act without delay');
    typeInto(server, 'a', 'Fully ', 0);
    const fresh = copyOf(server);
    const origins: unknown[] = [];
    fresh.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));

    const result = salvage(previous, fresh, (clauseId) => clauseId !== 'b');

    expect(result.restored).toEqual(['a']);
    expect(result.unsaved.map((u) => [u.clauseId, clauseToPlainText(u.content)])).toEqual([
      ['b', 'Calls upon States to act without delay'],
    ]);
    expect(result.orderLost).toBe(false);
    expect(text(fresh, 'a')).toBe('Fully Recognizing the right to education of persons with disabilities');
    expect(text(fresh, 'b')).toBe('Calls upon States');
    expect(origins).toEqual([SALVAGE_ORIGIN]);

    // What fresh sends the server is only the restored edit: the server ends with both people's words.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(server)));
    expect(text(server, 'a')).toBe(text(fresh, 'a'));
    expect(text(server, 'b')).toBe('Calls upon States');
  });

  it('restores as a minimal change: someone’s concurrent edit to the same clause still merges', () => {
    const { server, previous } = setting();
    typeInto(previous, 'c', ' until the next session');
    const fresh = copyOf(server);
    salvage(previous, fresh, () => true);
    // Made before the restored edit reached them: it names the clause's existing items, which must still live.
    const other = copyOf(server);
    typeInto(other, 'c', 'Further ', 0);
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(other, Y.encodeStateVector(server)));
    expect(text(fresh, 'c')).toBe('Further Decides to remain seized of the matter until the next session');
  });

  it('finds nothing when the copy held nothing the server lacks, and reports reordered clauses', () => {
    const { server, previous } = setting();
    typeInto(server, 'b', ' and invites');
    expect(salvage(previous, copyOf(server), () => true)).toEqual({ restored: [], unsaved: [], orderLost: false });

    const reordered = copyOf(server);
    getOrder(reordered).delete(0, 1);
    getOrder(reordered).push(['a']);
    const result = salvage(reordered, copyOf(server), () => true);
    expect(result).toMatchObject({ restored: [], unsaved: [], orderLost: true });
  });
});

const KAZ = { user: 'u-kaz', delegation: 'KAZ' };

/** Each live character of a clause by its Yjs id, with the insertion mark in force on it. */
function characters(doc: Y.Doc, clauseId: string): Map<string, unknown> {
  const chars = new Map<string, unknown>();
  for (const text of [firstText(doc, clauseId)]) {
    let insertion: unknown = null;
    for (let item = text._start; item; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentFormat && item.content.key === INSERTION_MARK)
        insertion = item.content.value;
      if (item.content instanceof Y.ContentString)
        for (let i = 0; i < item.length; i++) chars.set(`${item.id.client}:${item.id.clock + i}`, insertion);
    }
  }
  return chars;
}

/** What the server holds someone who must suggest to: every character they did not write stays, unmarked by them. */
function onlyTheirSuggestions(before: Map<string, unknown>, after: Map<string, unknown>): boolean {
  for (const [id, insertion] of before) if (!after.has(id) || after.get(id) !== insertion) return false;
  for (const [id, insertion] of after) {
    if (before.has(id)) continue;
    if ((insertion as { user?: string } | null)?.user !== KAZ.user) return false;
  }
  return true;
}

describe('writing back a delegate’s offline text as their suggestions', () => {
  it('restores typing in several clauses as suggestions the server takes from someone who must suggest', () => {
    const { server, previous } = setting();
    // Offline, in plain editing: words added in a, a word replaced in b, words deleted in c.
    firstText(previous, 'a').insert('Recognizing the right to education'.length, ' of all');
    firstText(previous, 'b').delete('Calls upon '.length, 'States'.length);
    firstText(previous, 'b').insert('Calls upon '.length, 'Governments');
    firstText(previous, 'c').delete('Decides to remain seized'.length, ' of the matter'.length);
    const fresh = copyOf(server);
    const before = ['a', 'b', 'c'].map((id) => characters(fresh, id));

    const result = salvage(previous, fresh, () => true, KAZ);

    expect(result.restored).toEqual(['a', 'b', 'c']);
    expect(result.unsaved).toEqual([]);
    ['a', 'b', 'c'].forEach((id, i) => expect(onlyTheirSuggestions(before[i]!, characters(fresh, id))).toBe(true));
    const listed = (id: string) => suggestionsIn(readClause(fresh, id)).map((s) => [s.kind, s.text, s.user]);
    expect(listed('a')).toEqual([['insertion', ' of all', KAZ.user]]);
    expect(listed('b')).toEqual([
      ['deletion', 'States', KAZ.user],
      ['insertion', 'Governments', KAZ.user],
    ]);
    expect(listed('c')).toEqual([['deletion', ' of the matter', KAZ.user]]);
    // One suggestion per change: a replaced word is struck and typed under one id, as the editor does.
    const b = suggestionsIn(readClause(fresh, 'b'));
    expect(b[0]!.id).toBe(b[1]!.id);
    // The words struck are still in the text, for the secretariat to decide on.
    expect(clauseToPlainText(readClause(fresh, 'c'))).toBe('Decides to remain seized of the matter');
  });

  it('keeps the person’s own suggestions as such: taken back where they removed them, kept where they typed them', () => {
    const { server } = setting();
    // On the server: a suggestion of theirs already stored in a.
    const fresh = copyOf(server);
    firstText(fresh, 'a').insert(0, 'Fully ', { [INSERTION_MARK]: { id: 's1', ...KAZ } });
    const mine = parseMarkup('Recognizing the right to inclusive education');
    const before = characters(fresh, 'a');

    fresh.transact(() => expect(writeSuggestion(fresh, 'a', mine, KAZ)).toBe(true));

    expect(clauseToPlainText(readClause(fresh, 'a'))).toBe('Recognizing the right to inclusive education');
    expect(suggestionsIn(readClause(fresh, 'a')).map((s) => [s.kind, s.text])).toEqual([['insertion', 'inclusive ']]);
    // Deleting their own suggested words is allowed; nobody else's character went.
    const after = characters(fresh, 'a');
    for (const [id, insertion] of before) if (!insertion) expect(after.has(id)).toBe(true);
  });

  it('hands back a version that changes the clause’s shape, which no suggestion can make', () => {
    const { server, previous } = setting();
    writeClause(previous, 'a', parseMarkup('Recognizing the right to education\n\nA second paragraph'));
    const fresh = copyOf(server);
    const result = salvage(previous, fresh, () => true, KAZ);
    expect(result.restored).toEqual([]);
    expect(result.unsaved.map((u) => u.clauseId)).toEqual(['a']);
    expect(clauseToPlainText(readClause(fresh, 'a'))).toBe('Recognizing the right to education');
  });
});
