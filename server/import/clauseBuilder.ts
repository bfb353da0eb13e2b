import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import type { WordRun } from './docxBody.js';

/**
 * Runs as a clause's inline content: whitespace as Word shows it (tabs and line breaks read as spaces, runs of
 * spaces as one, none at either end), neighbouring runs with the same emphasis joined, empty ones dropped.
 */
export function inlineContent(runs: readonly WordRun[]): ClauseJSON[] {
  const merged: WordRun[] = [];
  for (const run of runs) {
    const text = run.text.replace(/[\t\n\r]/g, ' ');
    const last = merged[merged.length - 1];
    if (last && last.em === run.em && last.strong === run.strong) last.text += text;
    else merged.push({ ...run, text });
  }
  let previousSpace = true;
  for (const run of merged) {
    run.text = run.text.replace(/ +/g, ' ');
    if (previousSpace && run.text.startsWith(' ')) run.text = run.text.slice(1);
    if (run.text) previousSpace = run.text.endsWith(' ');
  }
  const kept = merged.filter((r) => r.text !== '');
  const last = kept[kept.length - 1];
  if (last) last.text = last.text.replace(/ +$/, '');
  return kept
    .filter((r) => r.text !== '')
    .map((r) => {
      const marks = [...(r.em ? [{ type: 'em' }] : []), ...(r.strong ? [{ type: 'strong' }] : [])];
      return marks.length ? { type: 'text', text: r.text, marks } : { type: 'text', text: r.text };
    });
}

/** The plain text of runs, as `inlineContent` normalises it. */
export function plainText(runs: readonly WordRun[]): string {
  return inlineContent(runs)
    .map((n) => n.text ?? '')
    .join('');
}

/** Runs without their first `count` characters (a typed number such as "3. " or "(b) " taken off). */
export function dropPrefix(runs: readonly WordRun[], count: number): WordRun[] {
  const out: WordRun[] = [];
  let left = count;
  for (const run of runs) {
    if (left >= run.text.length) {
      left -= run.text.length;
      continue;
    }
    out.push({ ...run, text: run.text.slice(left) });
    left = 0;
  }
  return out;
}

/** A clause being read: its kind and its blocks, subparagraph lists nested as the clause schema has them. */
export class ClauseBuilder {
  readonly blocks: ClauseJSON[] = [];
  /** The open subparagraph lists, one per depth. */
  private lists: ClauseJSON[] = [];
  /** The plain text's length so far, for the limits. */
  length = 0;

  constructor(public kind: ClauseKind) {}

  paragraph(runs: readonly WordRun[]): void {
    this.lists = [];
    this.blocks.push(this.para(runs));
  }

  /** A subparagraph at `depth` (0: (a), 1: (i)…); deeper than the lists open so far is read as the next depth. */
  subparagraph(depth: number, runs: readonly WordRun[]): void {
    const d = Math.min(depth, this.lists.length);
    this.lists = this.lists.slice(0, d + 1);
    let list = this.lists[d];
    if (!list) {
      list = { type: 'subparagraphs', content: [] };
      if (d === 0) this.blocks.push(list);
      else {
        const parent = this.lists[d - 1]!.content!;
        parent[parent.length - 1]!.content!.push(list);
      }
      this.lists[d] = list;
    }
    list.content!.push({ type: 'subparagraph', content: [this.para(runs)] });
  }

  /** The subparagraph depth open now: -1 outside a list. */
  get depth(): number {
    return this.lists.length - 1;
  }

  doc(): ClauseJSON {
    return { type: 'doc', content: this.blocks.length ? this.blocks : [{ type: 'paragraph' }] };
  }

  private para(runs: readonly WordRun[]): ClauseJSON {
    const content = inlineContent(runs);
    this.length += content.reduce((n, c) => n + (c.text?.length ?? 0), 0);
    return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
  }
}
