import { describe, expect, it } from 'vitest';
import { numberClauses, subparagraphLabel, toLetters, toRoman } from './numbering.js';

describe('numbering', () => {
  it.each([
    [1, 'i'],
    [4, 'iv'],
    [9, 'ix'],
    [14, 'xiv'],
    [40, 'xl'],
    [1994, 'mcmxciv'],
  ])('toRoman(%i) = %s', (n, roman) => expect(toRoman(n)).toBe(roman));

  it.each([
    [1, 'a'],
    [26, 'z'],
    [27, 'aa'],
    [52, 'az'],
    [53, 'ba'],
  ])('toLetters(%i) = %s', (n, s) => expect(toLetters(n)).toBe(s));

  it('rejects numbers without a label', () => {
    expect(() => toRoman(0)).toThrow(RangeError);
    expect(() => toLetters(-1)).toThrow(RangeError);
  });

  it('labels subparagraphs (a) then (i) by depth', () => {
    expect(subparagraphLabel(0, 3)).toBe('c');
    expect(subparagraphLabel(1, 3)).toBe('iii');
    expect(subparagraphLabel(2, 1)).toBe('a');
  });

  it('derives clause numbers from order and kind, never from typed text', () => {
    const labels = numberClauses([
      'title',
      'preamble',
      'preamble',
      'heading',
      'operative',
      'operative',
      'annex',
      'operative',
    ]);
    expect(labels).toEqual([
      { number: null, ref: 'Title' },
      { number: 'PP1', ref: 'PP1' },
      { number: 'PP2', ref: 'PP2' },
      { number: null, ref: 'H1' },
      { number: '1', ref: 'OP1' },
      { number: '2', ref: 'OP2' },
      { number: 'Annex I', ref: 'Annex I' },
      { number: '3', ref: 'OP3' },
    ]);
  });
});
