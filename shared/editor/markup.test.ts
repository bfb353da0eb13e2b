import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMarkup, parseMarkup, toMarkup } from './markup.js';
import { clauseToPlainText, countOpenBrackets } from './text.js';
import { clauseFromJSON } from './schema.js';

describe('clause markup', () => {
  it('escapes plain text so that it reads back as the same characters, unmarked', () => {
    expect(escapeMarkup('(a) *Draft* \\ title')).toBe('\\(a) \\*Draft\\* \\\\ title');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '*', '\\', '(', ')', 'i', '.') }), (raw) => {
        const text = raw.trim();
        const doc = parseMarkup(escapeMarkup(text));
        expect(clauseToPlainText(doc)).toBe(text);
        doc.descendants((node) => expect(node.marks).toEqual([]));
      }),
    );
  });

  it('reads italics, bold, and two levels of subparagraphs', () => {
    const doc = parseMarkup('*Calls upon* all **States**:\n(a) To act;\n  (i) now;\n  (ii) later;\n(b) To report.');
    doc.check();
    const first = doc.firstChild!;
    expect(first.child(0).text).toBe('Calls upon');
    expect(first.child(0).marks.map((m) => m.type.name)).toEqual(['em']);
    expect(first.child(2).marks.map((m) => m.type.name)).toEqual(['strong']);
    expect(clauseToPlainText(doc)).toBe(
      'Calls upon all States:\n(a) To act;\n  (i) now;\n  (ii) later;\n(b) To report.',
    );
  });

  it('round-trips through toMarkup', () => {
    const source = '*Recognizing* that [education] is a right \\*for all\\*,\n(a) one;\n  (i) deep;\n(b) two.';
    expect(toMarkup(parseMarkup(source))).toBe(source);
  });

  it('keeps unclosed markers and odd input as literal text, never throwing', () => {
    for (const input of ['*open', '**', '(z)', '', '\\', '<img src=x onerror=alert(1)>', '  (i) orphan', 'a\r\nb']) {
      const doc = parseMarkup(input);
      expect(() => doc.check()).not.toThrow();
    }
    expect(clauseToPlainText(parseMarkup('*open'))).toBe('*open');
    expect(clauseToPlainText(parseMarkup('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
  });

  it('counts bracketed passages', () => {
    expect(countOpenBrackets('Calls upon [all] States to [consider')).toBe(2);
    expect(countOpenBrackets('no brackets')).toBe(0);
  });

  it('refuses content outside the schema at the edge', () => {
    expect(() => clauseFromJSON({ type: 'doc', content: [{ type: 'image' }] })).toThrow(RangeError);
    expect(() =>
      clauseFromJSON({ type: 'doc', content: [{ type: 'subparagraphs', content: [{ type: 'paragraph' }] }] }),
    ).toThrow(RangeError);
    expect(() =>
      clauseFromJSON({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link' }] }] }],
      }),
    ).toThrow(RangeError);
  });
});
