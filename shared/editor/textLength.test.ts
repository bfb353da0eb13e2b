import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { parseMarkup } from './markup.js';
import { clauseToPlainText } from './text.js';
import { clauseTextLength, documentTextLength } from './textLength.js';
import { getClauseFragment, getOrder, readClause, writeClause } from './ydoc.js';

function clauseDoc(markup: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    writeClause(doc, 'c1', parseMarkup(markup));
    getOrder(doc).insert(0, ['c1']);
  });
  return doc;
}

describe('clauseTextLength', () => {
  it.each([
    ['an empty clause', ''],
    ['one paragraph with marks', '*Recognizing* the **right** of every child to education,'],
    [
      'paragraphs and subparagraphs on two levels',
      'Calls upon States:\n(a) to act;\n  (i) now;\n  (ii) later;\n(b) to report.\nAnd more.',
    ],
    ['Cyrillic and Kazakh', 'Білім беру құқығын *мойындай отырып*,'],
  ])('counts the plain text of %s', (_name, markup) => {
    const doc = clauseDoc(markup);
    expect(clauseTextLength(getClauseFragment(doc, 'c1'))).toBe(clauseToPlainText(readClause(doc, 'c1')).length);
  });

  it('agrees with the plain text for any light markup', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 30 }).map((s) => `(a) ${s}`),
      fc.string({ maxLength: 30 }).map((s) => `  (i) ${s}`),
      fc.string({ maxLength: 30 }).map((s) => `*${s}* and **${s}**`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const doc = clauseDoc(lines.join('\n'));
        expect(clauseTextLength(getClauseFragment(doc, 'c1'))).toBe(clauseToPlainText(readClause(doc, 'c1')).length);
      }),
      { seed: 20251015, numRuns: 300 },
    );
  });

  it('sums a document over the clauses in its order, each once', () => {
    const doc = clauseDoc('First clause.');
    doc.transact(() => {
      writeClause(doc, 'c2', parseMarkup('Second.'));
      writeClause(doc, 'gone', parseMarkup('Not in the order.'));
      getOrder(doc).insert(1, ['c2', 'c1']);
    });
    expect(documentTextLength(doc)).toBe('First clause.'.length + 'Second.'.length);
  });
});
