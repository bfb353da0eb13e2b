import type { ClauseKind } from '../domain/clauses.js';

/** How a clause is labelled. Numbering is always derived from clause order, never typed. */
export interface ClauseLabel {
  /** The printed label: "1" for the first operative paragraph, "PP1", "Annex I"; null for title and headings. */
  number: string | null;
  /** The short reference negotiators use in speech and in amendments: "PP2", "OP3", "Annex I", "Title", "H1". */
  ref: string;
}

const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case Roman numeral for a positive integer (1 → "i"); `RangeError` outside 1..3999. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`No Roman numeral for ${n}`);
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

/** Spreadsheet-style letters for a positive integer: 1 → "a", 26 → "z", 27 → "aa". */
export function toLetters(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No letter label for ${n}`);
  let out = '';
  while (n > 0) {
    n -= 1;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return out;
}

/**
 * Label of a subparagraph by nesting depth (0-based) and position (1-based), without parentheses:
 * depth 0 → a, b, c…; depth 1 → i, ii, iii…; deeper levels alternate.
 */
export function subparagraphLabel(depth: number, position: number): string {
  return depth % 2 === 0 ? toLetters(position) : toRoman(position);
}

/** The title's reference, the same in every language of the data; `client/i18n/clauseRefs.ts` words it for readers. */
export const TITLE_REF = 'Title';

/** Labels for clauses in document order. */
export function numberClauses(kinds: readonly ClauseKind[]): ClauseLabel[] {
  const seen: Record<ClauseKind, number> = { title: 0, preamble: 0, operative: 0, heading: 0, annex: 0 };
  return kinds.map((kind) => {
    const n = ++seen[kind];
    switch (kind) {
      case 'title':
        return { number: null, ref: TITLE_REF };
      case 'heading':
        return { number: null, ref: `H${n}` };
      case 'preamble':
        return { number: `PP${n}`, ref: `PP${n}` };
      case 'operative':
        return { number: String(n), ref: `OP${n}` };
      case 'annex': {
        const label = `Annex ${toRoman(n).toUpperCase()}`;
        return { number: label, ref: label };
      }
    }
  });
}
