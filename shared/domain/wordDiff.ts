import { diffArrays } from 'diff';

/** One run of a word diff: text both sides share, text only the new side has, or text only the old side had. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export type WordDiff = DiffPart[];

/**
 * Words in any script (letters, marks, digits, joined by apostrophes or hyphens), runs of whitespace, and
 * every other character on its own, so punctuation changes show as such and Cyrillic or Kazakh words are as
 * whole as Latin ones.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*|\s+|[^]/gu;

/** Splits text into the tokens a word diff compares. Joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Word-level diff from `before` to `after`. Joining the `equal` and `delete` parts gives `before`; joining
 * the `equal` and `insert` parts gives `after`. Adjacent parts of one kind are merged, a deletion comes before
 * the insertion that replaces it, and a whitespace-only `equal` between two changes is folded into them so a
 * rewritten phrase reads as one change rather than a word salad.
 */
export function wordDiff(before: string, after: string): WordDiff {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const raw: DiffPart[] = diffArrays(tokenize(before), tokenize(after)).map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value.join(''),
  }));
  return normalize(foldSpaces(raw));
}

/** Folds a whitespace-only `equal` that sits between two changes into both sides of the change. */
function foldSpaces(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const prev = out[out.length - 1];
    const next = parts[i + 1];
    if (part.op === 'equal' && /^[^\S\n]+$/.test(part.text) && prev && prev.op !== 'equal' && next && next.op !== 'equal') {
      out.push({ op: 'delete', text: part.text }, { op: 'insert', text: part.text });
    } else {
      out.push(part);
    }
  }
  return out;
}

/** Merges runs of one kind and, within each stretch of changes, puts deletions before insertions. */
function normalize(parts: DiffPart[]): WordDiff {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  for (const part of parts) {
    if (!part.text) continue;
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'equal') last.text += part.text;
      else out.push({ op: 'equal', text: part.text });
    }
  }
  flush();
  return out;
}

/** The old side of a diff. */
export function diffBefore(diff: WordDiff): string {
  return diff.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
}

/** The new side of a diff. */
export function diffAfter(diff: WordDiff): string {
  return diff.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
}

/** True when the diff changes nothing. */
export function isUnchanged(diff: WordDiff): boolean {
  return diff.every((p) => p.op === 'equal');
}
