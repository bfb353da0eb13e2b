import * as Y from 'yjs';
import { DEFAULT_ORIGINAL } from '../../shared/domain/languages.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { audit } from './audit.js';

export interface NewDocument {
  id: string;
  conferenceId: string;
  title: string;
  symbol: string;
  stage?: Stage;
  metadata?: Record<string, unknown>;
  /** Clauses in order, text in the light markup (see shared/editor/markup.ts). */
  clauses: { kind: ClauseKind; text: string }[];
  /** The original's language (`DEFAULT_ORIGINAL` when absent). */
  language?: string;
}

/**
 * Creates a document with its clauses: the clause rows in storage and the initial Y.Doc state as the first
 * stored update, attributed to `author` (the secretariat for the demo). Returns the clause ids in order.
 */
export async function createDocument(ctx: AppContext, author: Actor | null, input: NewDocument): Promise<string[]> {
  const ydoc = new Y.Doc();
  const ids = input.clauses.map(() => newId());
  ydoc.transact(() => {
    input.clauses.forEach((clause, i) => writeClause(ydoc, ids[i]!, parseMarkup(clause.text)));
    getOrder(ydoc).insert(0, ids);
  });
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  await ctx.store.transaction(async () => {
    await ctx.store.documents.insert({
      id: input.id,
      conferenceId: input.conferenceId,
      title: input.title,
      symbol: input.symbol,
      stage: input.stage ?? 'drafting',
      metadata: input.metadata ?? {},
    });
    for (const [i, clause] of input.clauses.entries()) {
      await ctx.store.documents.insertClause({ id: ids[i]!, documentId: input.id, kind: clause.kind });
    }
    await ctx.store.languages.add(input.id, input.language ?? DEFAULT_ORIGINAL, true, author?.userId ?? null);
    await ctx.store.docUpdates.append(input.id, update, {
      userId: author?.userId ?? null,
      delegation: author?.delegation ?? null,
    });
    await audit(ctx, author, 'document.create', {
      documentId: input.id,
      subject: `document:${input.id}`,
      payload: { title: input.title, clauses: ids.length, language: input.language ?? DEFAULT_ORIGINAL },
    });
  });
  return ids;
}
