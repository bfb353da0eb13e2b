import { createHash } from 'node:crypto';
import { isLanguageCode } from '../../shared/domain/languages.js';
import type { AppContext } from '../context.js';
import type { DocumentLanguageRow } from '../db/repositories/languages.js';
import { HttpError } from '../http/errors.js';

/** The fingerprint a version marked current records of the original clause's plain text (SHA-256, hex). */
export function textFingerprint(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A version of the document other than its original, or 404 `language_not_found` (the original is read and
 * written as the clause itself, never as a version of it).
 */
export async function documentVersion(ctx: AppContext, documentId: string, lang: string): Promise<DocumentLanguageRow> {
  const found = isLanguageCode(lang)
    ? (await ctx.store.languages.forDocument(documentId)).find((l) => l.code === lang && !l.original)
    : undefined;
  if (!found) throw HttpError.of('language_not_found', `${documentId} has no ${lang} version.`);
  return found;
}
