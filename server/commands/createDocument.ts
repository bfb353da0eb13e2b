import * as Y from 'yjs';
import { DEFAULT_ORIGINAL } from '../../shared/domain/languages.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getOrder, writeClause, writeVersion } from '../../shared/editor/ydoc.js';
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
  /**
   * Language versions written with the text, each clause's version aligned with `clauses` (light markup; null
   * leaves it missing). Their statuses are the caller's to set: every written clause starts as a draft.
   */
  versions?: { code: string; texts: (string | null)[] }[];
}

/**
 * Creates a document with its clauses: the clause rows in storage and the initial Y.Doc state as the first
 * stored update, attributed to `author` (the secretariat for the demo), with any language versions given.
 * Returns the clause ids in order. `RangeError` when a version's texts are not aligned with the clauses.
 */
export async function createDocument(ctx: AppContext, author: Actor | null, input: NewDocument): Promise<string[]> {
  const ydoc = new Y.Doc();
  const ids = input.clauses.map(() => newId());
  const versions = input.versions ?? [];
  for (const version of versions)
    if (version.texts.length !== ids.length)
      throw new RangeError(`The ${version.code} version has ${version.texts.length} clauses, the text ${ids.length}.`);
  ydoc.transact(() => {
    input.clauses.forEach((clause, i) => writeClause(ydoc, ids[i]!, parseMarkup(clause.text)));
    for (const { code, texts } of versions)
      texts.forEach((text, i) => {
        if (text !== null) writeVersion(ydoc, ids[i]!, code, parseMarkup(text));
      });
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
    for (const { code } of versions) await ctx.store.languages.add(input.id, code, false, author?.userId ?? null);
    await ctx.store.docUpdates.append(input.id, update, {
      userId: author?.userId ?? null,
      delegation: author?.delegation ?? null,
    });
    await audit(ctx, author, 'document.create', {
      documentId: input.id,
      subject: `document:${input.id}`,
      payload: {
        title: input.title,
        clauses: ids.length,
        language: input.language ?? DEFAULT_ORIGINAL,
        ...(versions.length > 0 ? { versions: versions.map((v) => v.code) } : {}),
      },
    });
  });
  return ids;
}
