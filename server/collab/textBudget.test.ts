import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { parseMarkup, toMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { getClauseFragment, getOrder, readClause, writeClause } from '../../shared/editor/ydoc.js';
import { checkUpdate, type PolicyView } from './updatePolicy.js';
import { ClauseLengths, overLimit, textLength } from './textBudget.js';

const DELEGATE = { role: 'delegate' as const, delegation: 'KAZ' };
const POLICY: PolicyView = {
  stage: 'drafting',
  clauses: new Map(['a', 'b'].map((id) => [id, { status: 'open' as const, deleted: false }])),
};

/** A server copy with two clauses, one with subparagraphs, already edited by two other people. */
function server(): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    writeClause(doc, 'a', parseMarkup('Recalls the first paragraph.\n\nAnd a second one.'));
    writeClause(doc, 'b', parseMarkup('Calls upon:\n(a) States;\n(b) organizations.'));
    getOrder(doc).insert(0, ['a', 'b']);
  });
  for (const id of [31, 32]) {
    const other = copyOf(doc, id);
    const before = Y.encodeStateVector(other);
    const text = paragraphs(other, 'a')[0]!;
    text.insert(3, `typed by ${id} `);
    text.delete(0, 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
  }
  return doc;
}

function copyOf(doc: Y.Doc, clientId: number): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  copy.clientID = clientId;
  return copy;
}

/** The texts of a clause's top-level paragraphs. */
function paragraphs(doc: Y.Doc, clauseId: string): Y.XmlText[] {
  return getClauseFragment(doc, clauseId)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
    .map((p) => p.get(0) as Y.XmlText);
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    clause: fc.constantFrom('a', 'b'),
    p: fc.nat(3),
    at: fc.nat(40),
    text: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    clause: fc.constantFrom('a', 'b'),
    p: fc.nat(3),
    at: fc.nat(40),
    len: fc.integer({ min: 1, max: 15 }),
  }),
  fc.record({
    kind: fc.constant('format' as const),
    clause: fc.constantFrom('a', 'b'),
    p: fc.nat(3),
    at: fc.nat(40),
    len: fc.integer({ min: 1, max: 15 }),
  }),
  fc.record({
    kind: fc.constant('paragraph' as const),
    clause: fc.constantFrom('a', 'b'),
    at: fc.nat(3),
    text: fc.string({ maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('removeBlock' as const), clause: fc.constantFrom('a', 'b'), at: fc.nat(3) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Applies an editor-like change; returns false when it inserted into something it also removed. */
function apply(doc: Y.Doc, ops: Op[]): boolean {
  const touched = new Set<object>();
  let exact = true;
  for (const o of ops) {
    const fragment = getClauseFragment(doc, o.clause);
    const texts = paragraphs(doc, o.clause);
    if (o.kind === 'paragraph') {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(o.text)]);
      fragment.insert(o.at % (fragment.length + 1), [element]);
      touched.add(element);
    } else if (o.kind === 'removeBlock') {
      if (fragment.length === 0) continue;
      const block = fragment.get(o.at % fragment.length) as Y.XmlElement;
      if (touched.has(block)) exact = false;
      fragment.delete(o.at % fragment.length, 1);
    } else if (texts.length > 0) {
      const text = texts[o.p % texts.length]!;
      const at = o.at % (text.length + 1);
      if (o.kind === 'insert') {
        text.insert(at, o.text);
        touched.add(text.parent as Y.XmlElement);
      } else if (o.kind === 'delete') text.delete(at, Math.min(o.len, text.length - at));
      else text.format(at, Math.min(o.len, text.length - at), { strong: {} });
    }
  }
  return exact;
}

describe('text growth', () => {
  it('foresees what an update will add to and take from each clause', () => {
    let exactCases = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), (ops) => {
        const doc = server();
        const client = copyOf(doc, 4242);
        const before = Y.encodeStateVector(client);
        let exact = true;
        client.transact(() => (exact = apply(client, ops)));
        const update = Y.encodeStateAsUpdate(client, before);
        const verdict = checkUpdate(doc, update, DELEGATE, POLICY, () => 'free');
        expect(verdict.ok).toBe(true);
        if (!verdict.ok) return;
        const lengths = {
          a: textLength(getClauseFragment(doc, 'a') as never),
          b: textLength(getClauseFragment(doc, 'b') as never),
        };
        Y.applyUpdate(doc, update);
        for (const clause of ['a', 'b'] as const) {
          const actual = textLength(getClauseFragment(doc, clause) as never) - lengths[clause];
          const predicted = verdict.growth.get(clause) ?? 0;
          if (exact) expect(predicted).toBe(actual);
          else expect(predicted).toBeGreaterThanOrEqual(actual);
        }
        if (exact) exactCases++;
      }),
      { numRuns: 400 },
    );
    expect(exactCases).toBeGreaterThan(300);
  });

  it('counts what the editor counts: the text, without line breaks and labels', () => {
    const doc = server();
    for (const clause of ['a', 'b']) {
      const content = readClause(doc, clause);
      expect(textLength(getClauseFragment(doc, clause) as never)).toBe(content.textContent.length);
      expect(clauseToPlainText(content).length).toBeGreaterThan(content.textContent.length);
    }
    expect(toMarkup(readClause(doc, 'b'))).toContain('(a)');
  });

  it('keeps clause lengths up to date whatever changes the document, and finds the limit passed', () => {
    const doc = server();
    const lengths = new ClauseLengths(doc);
    const a = lengths.clause('a');
    expect(a).toBe(textLength(getClauseFragment(doc, 'a') as never));
    paragraphs(doc, 'a')[1]!.insert(0, 'twelve chars');
    expect(lengths.clause('a')).toBe(a + 12);
    const limits = { clauseChars: a + 20, documentChars: 10_000 };
    expect(overLimit(new Map([['a', 8]]), lengths, ['a', 'b'], limits)).toBeNull();
    expect(overLimit(new Map([['a', 9]]), lengths, ['a', 'b'], limits)).toBe('clause_too_long:a');
    expect(
      overLimit(new Map([['b', 5]]), lengths, ['a', 'b'], {
        clauseChars: 1000,
        documentChars: lengths.total(['a', 'b']) + 4,
      }),
    ).toBe('document_too_long');
    // A clause already over a lowered limit may be shortened.
    expect(overLimit(new Map([['a', -3]]), lengths, ['a', 'b'], { clauseChars: 5, documentChars: 5 })).toBeNull();
    lengths.destroy();
  });
});
