import type * as Y from 'yjs';
import type { ClauseJson, DocumentSummary, DocumentJson } from '../../shared/api/documents.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseToPlainText, countOpenBrackets, documentTitle } from '../../shared/editor/text.js';
import { clauseOrder, readClause } from '../../shared/editor/ydoc.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import { textVersion } from './versions.js';

/**
 * The clauses of a Y.Doc in order, with their metadata and derived numbering. Ids in `order` without a
 * clause row (a clause whose creation has not reached storage) are skipped rather than guessed at.
 */
export function presentClauses(doc: Y.Doc, rows: Map<string, ClauseRow>, withContent = false): ClauseJson[] {
  const ordered = clauseOrder(doc).flatMap((id) => {
    const row = rows.get(id);
    return row && !row.deleted_at ? [row] : [];
  });
  const labels = numberClauses(ordered.map((c) => c.kind));
  return ordered.map((row, i) => {
    const node = readClause(doc, row.id);
    const text = clauseToPlainText(node);
    return {
      ...(withContent ? { content: node.toJSON() as ClauseJSON } : {}),
      id: row.id,
      kind: row.kind,
      number: labels[i]!.number,
      ref: labels[i]!.ref,
      text,
      status: row.status,
      openBrackets: countOpenBrackets(text),
    };
  });
}

export function presentDocument(
  row: DocumentRow,
  doc: Y.Doc,
  clauses: Map<string, ClauseRow>,
  withContent = false,
): DocumentJson {
  const views = presentClauses(doc, clauses, withContent);
  return {
    id: row.id,
    title: documentTitle(views, row.title),
    symbol: row.symbol,
    stage: row.stage,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    clauses: views,
  };
}

/**
 * A document in the list: its title clause's text and how many clauses it has. Only the title clause is read,
 * so listing a long declaration costs what a short one does.
 */
export function presentSummary(row: DocumentRow, doc: Y.Doc, clauses: Map<string, ClauseRow>): DocumentSummary {
  const ordered = clauseOrder(doc).filter((id) => {
    const clause = clauses.get(id);
    return clause && !clause.deleted_at;
  });
  const titleId = ordered.find((id) => clauses.get(id)!.kind === 'title');
  const title = documentTitle(
    titleId ? [{ kind: 'title', text: clauseToPlainText(readClause(doc, titleId)) }] : [],
    row.title,
  );
  return { id: row.id, title, symbol: row.symbol, stage: row.stage, clauseCount: ordered.length };
}

/**
 * A document's row as part of a cache key: every column but its event sequence, which moves with every event
 * to the document's room (each ballot's progress) and changes nothing a presentation shows. Keyed by it, a
 * room of a thousand would rebuild the declaration after every ballot.
 */
export function rowKey(row: DocumentRow): string {
  const { events_seq: _counted, ...shown } = row;
  return JSON.stringify(shown);
}

/**
 * What a live document's presentation is built from, as a cache key (`jsonCache.ts`): its row, its clause rows
 * and the version of its text.
 */
export function documentKey(
  row: DocumentRow,
  doc: Y.Doc,
  clauses: Map<string, ClauseRow>,
  withContent: boolean,
): string {
  return `document|${withContent}|${textVersion(doc)}|${rowKey(row)}|${JSON.stringify([...clauses.values()])}`;
}
