import type { DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { isLanguageCode, type LanguageCode } from '../../shared/domain/languages.js';
import { ApiError, call } from '../api/http.js';

/**
 * The projector's second language (`/projector/:id?lang=kk`): the clause under discussion in the original and
 * in a version, in two columns paged together (drawn by `projectorClause.tsx`). The hall's display is opened once with its address, so the
 * chair or the secretariat sets the languages there.
 */

/** The version named by the projector's address, or null (none named, or one the document lacks). */
export function secondLanguageOf(query: URLSearchParams): LanguageCode | null {
  const lang = query.get('lang');
  return lang && isLanguageCode(lang) ? lang : null;
}

/** The version's text, or null when the document has no version in it (the screen shows the original alone). */
export async function loadSecondLanguage(documentId: string, lang: LanguageCode | null): Promise<DocumentJson | null> {
  if (!lang) return null;
  try {
    const version = await call(ROUTES.document, { params: { id: documentId }, query: { include: 'content', lang } });
    return version.lang ? version : null;
  } catch (error) {
    if (error instanceof ApiError && error.id === 'language_not_found') return null;
    throw error;
  }
}
