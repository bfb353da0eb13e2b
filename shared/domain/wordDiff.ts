import { diffArrays } from 'diff';

/** One run of a word diff: text both sides share, text only the new side has, or text only the old side had. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export type WordDiff = DiffPart[];

/**
 * Words in any script (letters, marks, digits, joined by apostrophes or hyphens) and every other visible
 * character on its own, each with the whitespace that follows it; whitespace at the very start stands alone.
 * Keeping spaces with their word stops the diff from aligning texts on the spaces between unrelated words, and
 * whole Cyrillic or Kazakh words compare as whole as Latin ones.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*\s*|\S\s*|\s+/gu;

/** Splits text into the tokens a word diff compares. Joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * How much work one word diff may do: Myers' algorithm costs about (tokens on both sides) × (edit length)
 * steps. A budget of 600,000 keeps the worst case (two unrelated texts of the clause limit, 20,000
 * characters each, shown as a replacement) to a few milliseconds of one core, 10 to 15 on a loaded one;
 * texts of that length that differ by up to about fifty replaced words still get a word diff. An unbounded
 * diff of a 60 kB clause against a 20,000-character rewrite took 42 s.
 */
export const WORD_DIFF_BUDGET = 600_000;

/**
 * A word diff, or, when telling the words apart would cost more than the budget, a replacement: the words
 * both sides share at their start and end stay unchanged text, everything between is one deletion and one
 * insertion. Both read as a `WordDiff` and join back into the two texts.
 */
export interface BoundedDiff {
  diff: WordDiff;
  /** `words` when every changed word is marked; `replacement` when the changed passage is shown whole. */
  granularity: 'words' | 'replacement';
}

/**
 * Word-level diff from `before` to `after`, bounded by `budget` (see `BoundedDiff`). Joining the `equal` and
 * `delete` parts gives `before`; joining the `equal` and `insert` parts gives `after`. Adjacent parts of one
 * kind are merged and a deletion comes before the insertion that replaces it, so a rewritten phrase reads as
 * one change rather than a word salad.
 */
export function boundedWordDiff(before: string, after: string, budget = WORD_DIFF_BUDGET): BoundedDiff {
  if (before === after) return { diff: before ? [{ op: 'equal', text: before }] : [], granularity: 'words' };
  const a = tokenize(before);
  const b = tokenize(after);
  // Words both sides share at either end cost nothing to tell apart: only the middle is diffed.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const oldMiddle = a.slice(head, a.length - tail);
  const newMiddle = b.slice(head, b.length - tail);
  const size = oldMiddle.length + newMiddle.length;
  const maxEditLength = Math.floor(budget / Math.max(1, size));
  const changes = maxEditLength >= 1 ? diffArrays(oldMiddle, newMiddle, { maxEditLength }) : undefined;
  const middle: DiffPart[] = changes
    ? changes.map((change) => ({
        op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
        text: change.value.join(''),
      }))
    : [
        { op: 'delete', text: oldMiddle.join('') },
        { op: 'insert', text: newMiddle.join('') },
      ];
  const raw: DiffPart[] = [
    { op: 'equal', text: a.slice(0, head).join('') },
    ...middle,
    { op: 'equal', text: a.slice(a.length - tail).join('') },
  ];
  return { diff: normalize(raw), granularity: changes ? 'words' : 'replacement' };
}

/** `boundedWordDiff`'s diff alone: a word diff, or a replacement of the changed passage when over the budget. */
export function wordDiff(before: string, after: string, budget = WORD_DIFF_BUDGET): WordDiff {
  return boundedWordDiff(before, after, budget).diff;
}

/**
 * Merges runs of one kind and, within each stretch of changes, puts deletions before insertions. Whole tokens
 * a deletion and its insertion share at either end move out into the unchanged text (", national and local, "
 * replacing " " reads as the insertion of ", national and local,").
 */
function normalize(parts: DiffPart[]): WordDiff {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const equal = (text: string): void => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.op === 'equal') last.text += text;
    else out.push({ op: 'equal', text });
  };
  let carry = '';
  const flush = (): void => {
    const del = tokenize(deleted);
    const ins = tokenize(inserted);
    let head = 0;
    while (head < del.length && head < ins.length && del[head] === ins[head]) head++;
    let tail = 0;
    while (
      tail < del.length - head &&
      tail < ins.length - head &&
      del[del.length - 1 - tail] === ins[ins.length - 1 - tail]
    )
      tail++;
    equal(del.slice(0, head).join(''));
    let d = del.slice(head, del.length - tail).join('');
    let i = ins.slice(head, ins.length - tail).join('');
    // "centre " → "heart ": the space after both stays unchanged text.
    const space = d && i ? commonTrailingSpace(d, i) : '';
    d = d.slice(0, d.length - space.length);
    i = i.slice(0, i.length - space.length);
    if (d) out.push({ op: 'delete', text: d });
    if (i) out.push({ op: 'insert', text: i });
    carry = space + del.slice(del.length - tail).join('');
    deleted = inserted = '';
  };
  for (const part of parts) {
    if (!part.text) continue;
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      equal(carry + part.text);
      carry = '';
    }
  }
  flush();
  equal(carry);
  return out;
}

function commonTrailingSpace(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && /\s/.test(a[a.length - 1 - n]!) && a[a.length - 1 - n] === b[b.length - 1 - n])
    n++;
  // Never empty a side completely: a change of spacing alone stays a change.
  if (n === a.length || n === b.length) return '';
  return a.slice(a.length - n);
}

/** The old side of a diff. */
export function diffBefore(diff: WordDiff): string {
  return diff
    .filter((p) => p.op !== 'insert')
    .map((p) => p.text)
    .join('');
}

/** The new side of a diff. */
export function diffAfter(diff: WordDiff): string {
  return diff
    .filter((p) => p.op !== 'delete')
    .map((p) => p.text)
    .join('');
}

/** True when the diff changes nothing. */
export function isUnchanged(diff: WordDiff): boolean {
  return diff.every((p) => p.op === 'equal');
}
