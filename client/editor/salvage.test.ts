import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { getClauseFragment, getOrder, readClause, writeClause } from '../../shared/editor/ydoc.js';
import { SALVAGE_ORIGIN, salvage } from './salvage.js';

const text = (doc: Y.Doc, clauseId: string): string => clauseToPlainText(readClause(doc, clauseId));

/** Appends to the clause's first paragraph, as a typist would. */
function typeInto(doc: Y.Doc, clauseId: string, words: string, at?: number): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
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
