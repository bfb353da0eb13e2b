import type * as Y from 'yjs';
import { updateYFragment } from 'y-prosemirror';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { AppContext } from '../context.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { newId } from '../db/ids.js';
import { HttpError } from '../http/errors.js';

/** True while the clause is part of the text (listed in `order`). */
export function isInText(doc: Y.Doc, clauseId: string): boolean {
  return getOrder(doc).toArray().includes(clauseId);
}

/**
 * Rewrites a clause to `markup` with the smallest change y-prosemirror finds (common prefix and suffix kept
 * per paragraph), so an edit another delegate is making elsewhere in the clause merges instead of being
 * overwritten. Call inside a Y transaction.
 */
export function replaceClauseText(doc: Y.Doc, clauseId: string, markup: string): void {
  updateYFragment(doc, getClauseFragment(doc, clauseId), parseMarkup(markup), { mapping: new Map(), isOMark: new Map() });
}

/** Takes a clause out of the text: every listing of it in `order` goes (its fragment stays, for history). */
export function removeFromOrder(doc: Y.Doc, clauseId: string): void {
  const order = getOrder(doc);
  for (let i = order.length - 1; i >= 0; i--) if (order.get(i) === clauseId) order.delete(i, 1);
}

/** Lists `clauseId` right after `afterId` in `order` (at the end when `afterId` is missing). */
export function insertIntoOrder(doc: Y.Doc, afterId: string, clauseId: string): void {
  const order = getOrder(doc);
  const index = order.toArray().indexOf(afterId);
  order.insert(index < 0 ? order.length : index + 1, [clauseId]);
}

/**
 * Applies an amendment to the live text, attributed to `author`. Must run inside the caller's SQLite
 * transaction: the clause row of an insertion and the Yjs update are stored with the status change, or not
 * at all. Returns the id of the clause an `insert_after` created. 409 `clause_deleted` when the target clause
 * is no longer in the text.
 *
 * Should the SQLite transaction fail after the Yjs change was applied in memory, the document must be
 * unloaded so that memory never runs ahead of what was committed (see `withLiveTextRollback`, `afterCommit`).
 */
export function applyAmendmentToText(ctx: AppContext, amendment: AmendmentRow, author: UpdateAuthor): { newClauseId: string | null } {
  const { document_id: documentId, clause_id: clauseId } = amendment;
  const doc = ctx.registry.get(documentId);
  if (!doc || !isInText(doc, clauseId)) {
    throw new HttpError(409, 'clause_deleted', 'The clause this amendment concerns is no longer part of the text.');
  }
  let newClauseId: string | null = null;
  if (amendment.kind === 'insert_after') {
    const target = ctx.store.documents.clause(documentId, clauseId);
    newClauseId = newId();
    ctx.store.documents.insertClause({ id: newClauseId, documentId, kind: (target?.kind ?? 'operative') as ClauseKind });
  }
  ctx.registry.change(documentId, author, (live) => {
    if (amendment.kind === 'replace') replaceClauseText(live, clauseId, amendment.text ?? '');
    else if (amendment.kind === 'delete') removeFromOrder(live, clauseId);
    else {
      writeClause(live, newClauseId!, parseMarkup(amendment.text ?? ''));
      insertIntoOrder(live, clauseId, newClauseId!);
    }
  });
  return { newClauseId };
}

/**
 * Runs `fn` in one SQLite transaction that may change the live text. Should it throw after the in-memory
 * Y.Doc moved on, the document is unloaded, so the next reader loads what SQLite actually holds.
 */
export function withLiveTextRollback<T>(ctx: AppContext, documentId: string, fn: () => T): T {
  const doc = ctx.registry.get(documentId);
  let changed = false;
  const onUpdate = (): void => {
    changed = true;
  };
  doc?.on('update', onUpdate);
  try {
    return ctx.store.transaction(fn);
  } catch (error) {
    if (changed) ctx.registry.unload(documentId);
    throw error;
  } finally {
    doc?.off('update', onUpdate);
  }
}

/**
 * For changes made inside a caller's transaction: once the current synchronous run is over (better-sqlite3
 * transactions are synchronous, so it has committed or rolled back by then), runs `committed` if `check` finds
 * the change in the database, `rolledBack` otherwise.
 */
export function afterCommit(check: () => boolean, committed: () => void, rolledBack: () => void = () => {}): void {
  process.nextTick(() => (check() ? committed() : rolledBack()));
}
