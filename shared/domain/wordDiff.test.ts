import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedWordDiff, diffAfter, diffBefore, isUnchanged, tokenize, wordDiff } from './wordDiff.js';

describe('wordDiff', () => {
  it('marks inserted and deleted words, deletion first', () => {
    expect(
      wordDiff(
        'Calls upon Governments to place education at the centre.',
        'Calls upon all Governments to place education at the heart.',
      ),
    ).toEqual([
      { op: 'equal', text: 'Calls upon ' },
      { op: 'insert', text: 'all ' },
      { op: 'equal', text: 'Governments to place education at the ' },
      { op: 'delete', text: 'centre' },
      { op: 'insert', text: 'heart' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('compares whole words in Cyrillic and Kazakh, not letters', () => {
    expect(wordDiff('қазақ тілі', 'қазақ тілінде')).toEqual([
      { op: 'equal', text: 'қазақ ' },
      { op: 'delete', text: 'тілі' },
      { op: 'insert', text: 'тілінде' },
    ]);
  });

  it('reads a rewritten phrase as one change', () => {
    expect(wordDiff('to place inclusive education first', 'to make schools accessible first')).toEqual([
      { op: 'equal', text: 'to ' },
      { op: 'delete', text: 'place inclusive education' },
      { op: 'insert', text: 'make schools accessible' },
      { op: 'equal', text: ' first' },
    ]);
  });

  it('does not align unrelated words on the spaces between them', () => {
    const before =
      'to place inclusive education at the centre of national education policy, and to ensure that legislation guarantees it;';
    const after = 'to place inclusive and equitable education at the heart of national policy.';
    const diff = wordDiff(before, after);
    expect(diff.slice(0, 6)).toEqual([
      { op: 'equal', text: 'to place inclusive ' },
      { op: 'insert', text: 'and equitable ' },
      { op: 'equal', text: 'education at the ' },
      { op: 'delete', text: 'centre' },
      { op: 'insert', text: 'heart' },
      { op: 'equal', text: ' of national ' },
    ]);
  });

  it('moves what a deletion and its insertion share out of the change', () => {
    expect(
      wordDiff('Calls upon national Governments to act', 'Calls upon all Governments, national and local, to act'),
    ).toEqual([
      { op: 'equal', text: 'Calls upon ' },
      { op: 'insert', text: 'all Governments, ' },
      { op: 'equal', text: 'national ' },
      { op: 'delete', text: 'Governments' },
      { op: 'insert', text: 'and local,' },
      { op: 'equal', text: ' to act' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'New clause.')).toEqual([{ op: 'insert', text: 'New clause.' }]);
    expect(wordDiff('Old clause.', '')).toEqual([{ op: 'delete', text: 'Old clause.' }]);
    expect(isUnchanged(wordDiff('Same.', 'Same.'))).toBe(true);
    expect(isUnchanged(wordDiff('Same.', 'Same!'))).toBe(false);
  });

  it('keeps punctuation and hyphenated words as tokens, each with the spaces after it', () => {
    expect(tokenize(" well-being, children's (a) x")).toEqual([
      ' ',
      'well-being',
      ', ',
      "children's ",
      '(',
      'a',
      ') ',
      'x',
    ]);
  });

  it('always reconstructs both sides exactly', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'қ', '.', '\n', 'word', '-', '[', ']') });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = wordDiff(before, after);
        expect(diffBefore(diff)).toBe(before);
        expect(diffAfter(diff)).toBe(after);
        diff.forEach((part, i) => {
          expect(part.text).not.toBe('');
          // Runs are merged: no two neighbours share an op, and an insertion never precedes a deletion.
          if (i > 0) expect(part.op).not.toBe(diff[i - 1]!.op);
          if (i > 0 && part.op === 'delete') expect(diff[i - 1]!.op).not.toBe('insert');
        });
      }),
      { numRuns: 300 },
    );
  });

  it('always reconstructs both sides exactly, also when the budget forces a replacement', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'қ', '.', '\n', 'word', '-', '[', ']') });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 50 }), (before, after, budget) => {
        const { diff, granularity } = boundedWordDiff(before, after, budget);
        expect(diffBefore(diff)).toBe(before);
        expect(diffAfter(diff)).toBe(after);
        if (granularity === 'replacement') expect(diff.filter((p) => p.op !== 'equal').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('boundedWordDiff: a word diff never holds the server', () => {
  const vocabulary =
    'the of and education inclusive learners States shall ensure access quality teachers schools rights children Қазақстан білім'.split(
      ' ',
    );
  const text = (chars: number, seed: number): string => {
    let out = '';
    for (let x = seed; out.length < chars;) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      out += `${vocabulary[x % vocabulary.length]} `;
    }
    return out.slice(0, chars);
  };

  it('shows a 20,000-character rewrite of a 60 kB clause as a replacement, in milliseconds (it took 42 s)', () => {
    const clause = text(60_000, 1);
    const rewrite = text(20_000, 2);
    const started = performance.now();
    const { diff, granularity } = boundedWordDiff(clause, rewrite);
    const took = performance.now() - started;
    expect(granularity).toBe('replacement');
    expect(diffBefore(diff)).toBe(clause);
    expect(diffAfter(diff)).toBe(rewrite);
    expect(took).toBeLessThan(500);
  });

  it('keeps a word diff for a few words changed in a long clause, whatever its length', () => {
    const clause = text(60_000, 3);
    const at = clause.indexOf(' ', 30_000) + 1;
    const edited = `${clause.slice(0, at)}and also the new words ${clause.slice(at)}`;
    const started = performance.now();
    const { diff, granularity } = boundedWordDiff(clause, edited);
    expect(performance.now() - started).toBeLessThan(500);
    expect(granularity).toBe('words');
    expect(diff.filter((p) => p.op !== 'equal')).toHaveLength(1);
  });

  it('diffs texts of the clause limit word by word when they are related (forty words replaced)', () => {
    const clause = text(20_000, 5);
    let n = 0;
    const edited = clause.replace(/education/g, (word) => (n++ < 40 ? 'learning' : word));
    const { diff, granularity } = boundedWordDiff(clause, edited);
    expect(granularity).toBe('words');
    expect(diffAfter(diff)).toBe(edited);
  });
});
