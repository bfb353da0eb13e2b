import * as Y from 'yjs';
import { bracketWording } from '../../shared/api/brackets.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { BracketRow } from '../db/repositories/brackets.js';
import { bracketAlternatives, placeBracket } from '../queries/brackets.js';
import type { ExportSource } from './modelTypes.js';

/**
 * Open brackets printed into a draft's text, UN style, before the model is built: "[words]" around bracketed
 * words, "[Alt A (KAZ): …] [Alt B: …]" in place of words offered alternatives. Every format then prints
 * them as text (an Akoma Ntoso paragraph holds the square brackets as its words, which the schema allows).
 */

/** One change to a paragraph's text, at offsets of its characters as they stand. */
interface Edit {
  from: number;
  to: number;
  text: string;
  /** Ties at one place: a closing bracket goes before an opening one. */
  closing: boolean;
}

/** Where each open bracket lies: its clause, the paragraph (in document order) and the edits to print it. */
function editsOf(live: Y.Doc, rows: readonly BracketRow[]): Map<string, Map<number, Edit[]>> {
  const byClause = new Map<string, Map<number, Edit[]>>();
  const paragraphs = new Map<string, Y.XmlElement[]>();
  for (const row of rows) {
    const placed = placeBracket(live, row);
    if (!placed || placed.from === placed.to) continue;
    let list = paragraphs.get(row.clause_id);
    if (!list) paragraphs.set(row.clause_id, (list = paragraphElements(getClauseFragment(live, row.clause_id))));
    const block = list.indexOf(placed.text!.parent as Y.XmlElement);
    if (block < 0) continue;
    const [from, to] = [placed.index, placed.index + placed.length];
    const alternatives = bracketAlternatives(row);
    const edits: Edit[] = alternatives.length
      ? [{ from, to, text: bracketWording(alternatives, placed.words), closing: false }]
      : [
          { from, to: from, text: '[', closing: false },
          { from: to, to, text: ']', closing: true },
        ];
    const clause = byClause.get(row.clause_id) ?? new Map<number, Edit[]>();
    byClause.set(row.clause_id, clause);
    clause.set(block, [...(clause.get(block) ?? []), ...edits]);
  }
  return byClause;
}

/** The clause's paragraph elements in document order, as ProseMirror lists its paragraph nodes. */
function paragraphElements(type: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  return type.toArray().flatMap((child) => {
    if (!(child instanceof Y.XmlElement)) return [];
    return child.nodeName === 'paragraph' ? [child] : paragraphElements(child);
  });
}

/**
 * A paragraph's text nodes with `edits` applied, last first so each applies at offsets as they stood. Brackets
 * within words that alternatives replace are printed by those alternatives' wording (which quotes the words
 * today); an edit overlapping one already applied is left out.
 */
function editRuns(runs: readonly ClauseJSON[], edits: readonly Edit[]): ClauseJSON[] {
  const replacing = edits.filter((e) => e.from < e.to);
  const inside = (e: Edit): boolean => replacing.some((r) => r !== e && r.from <= e.from && e.to <= r.to);
  let out = runs.map((r) => ({ ...r }));
  let applied = Number.POSITIVE_INFINITY;
  const ordered = edits
    .filter((e) => !inside(e))
    .sort((a, b) => b.from - a.from || b.to - a.to || Number(a.closing) - Number(b.closing));
  for (const edit of ordered) {
    if (edit.to > applied) continue;
    out = splice(out, edit.from, edit.to, edit.text);
    applied = edit.from;
  }
  return out.filter((r) => r.text);
}

/** Text runs with [from, to) replaced by `text` (unmarked). */
function splice(runs: ClauseJSON[], from: number, to: number, text: string): ClauseJSON[] {
  const out: ClauseJSON[] = [];
  let at = 0;
  let inserted = false;
  const insert = (): void => {
    if (!inserted) out.push({ type: 'text', text });
    inserted = true;
  };
  for (const run of runs) {
    const value = run.text ?? '';
    const end = at + value.length;
    if (end <= from || at >= to) {
      if (at >= to && end > at) insert();
      out.push(run);
    } else {
      if (from > at) out.push({ ...run, text: value.slice(0, from - at) });
      insert();
      if (to < end) out.push({ ...run, text: value.slice(to - at) });
    }
    at = end;
  }
  insert();
  return out;
}

/** The clause content with its paragraphs' edits applied (paragraphs counted in document order). */
function editClause(content: ClauseJSON, edits: Map<number, Edit[]>): ClauseJSON {
  let index = -1;
  const walk = (node: ClauseJSON): ClauseJSON => {
    if (node.type === 'paragraph') {
      index += 1;
      const mine = edits.get(index);
      return mine ? { ...node, content: editRuns(node.content ?? [], mine) } : node;
    }
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  return walk(content);
}

/** The clauses with the open brackets of `rows` printed into their text; clauses without any are the same objects. */
export function printBrackets(
  live: Y.Doc,
  clauses: ExportSource['clauses'],
  rows: readonly BracketRow[],
): ExportSource['clauses'] {
  if (rows.length === 0) return clauses;
  const edits = editsOf(live, rows);
  return clauses.map((clause) => {
    const mine = edits.get(clause.id);
    return mine ? { ...clause, content: editClause(clause.content, mine) } : clause;
  });
}
