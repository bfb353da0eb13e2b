import type * as Y from 'yjs';
import type { BracketJson } from '../../shared/api/brackets.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { BracketRow } from '../db/repositories/brackets.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { bracketAlternatives, bracketSpan, placeBracket } from '../queries/brackets.js';

/** Each clause in the text with its reference ("OP3", "PP2"), from order and kinds alone (no text is read). */
export function clauseRefs(doc: Y.Doc, rows: Map<string, ClauseRow>): Map<string, string> {
  const ordered = clauseOrder(doc).filter((id) => {
    const row = rows.get(id);
    return row && !row.deleted_at;
  });
  const labels = numberClauses(ordered.map((id) => rows.get(id)!.kind));
  return new Map(ordered.map((id, i) => [id, labels[i]!.ref]));
}

/** A bracket as every reader sees it, against the live text (`refs`: the clauses' references, `clauseRefs`). */
export function presentBracket(live: Y.Doc, refs: Map<string, string>, row: BracketRow): BracketJson {
  const span = bracketSpan(row);
  const placed = row.status === 'open' ? placeBracket(live, row) : null;
  return {
    id: row.id,
    documentId: row.document_id,
    clauseId: row.clause_id,
    clauseRef: refs.get(row.clause_id) ?? null,
    status: row.status,
    quote: span.quote,
    currentQuote: placed?.words ?? '',
    range: placed ? [placed.from, placed.to] : null,
    alternatives: bracketAlternatives(row),
    resolution:
      row.status === 'resolved'
        ? {
            kind: row.resolution!,
            label: row.chosen_label,
            text: row.resolved_text ?? '',
            by: row.resolved_by_username ?? '',
            byName: row.resolved_by_name ?? '',
            at: row.resolved_at!,
          }
        : null,
    createdBy: row.created_by_username,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
  };
}

/** Brackets of one document, read against its live text, in document order (then in the order placed). */
export async function presentBrackets(ctx: AppContext, documentId: string, rows: BracketRow[]): Promise<BracketJson[]> {
  const live = (await ctx.registry.get(documentId))!;
  const refs = clauseRefs(live, await ctx.store.documents.clauses(documentId));
  const position = new Map([...refs.keys()].map((id, i) => [id, i]));
  const where = (b: BracketJson): number => position.get(b.clauseId) ?? Number.MAX_SAFE_INTEGER;
  return rows
    .map((row) => presentBracket(live, refs, row))
    .sort((a, b) => where(a) - where(b) || (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}

/** One bracket, read again after a change (the payload of `bracket:changed` and a command's answer). */
export async function presentOneBracket(ctx: AppContext, id: string): Promise<BracketJson> {
  const row = (await ctx.store.brackets.get(id))!;
  return (await presentBrackets(ctx, row.document_id, [row]))[0]!;
}
