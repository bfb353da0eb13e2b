import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';

/** The document row, or 404 `document_not_found`. */
export async function loadDocument(ctx: AppContext, documentId: string): Promise<DocumentRow> {
  const doc = await ctx.store.documents.get(documentId);
  if (!doc) throw new HttpError(404, 'document_not_found', `No document ${documentId}.`);
  return doc;
}
