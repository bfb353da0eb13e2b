import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { isLanguageCode, type LanguageCode } from '../../shared/domain/languages.js';
import { ApiError, call } from '../api/http.js';
import { directionOf, originalLanguage } from '../api/languageChoice.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { languageName } from './languageLabels.js';
import { hangSubparagraphLabels } from './projectorFit.js';

/**
 * The projector's second language (`/projector/:id?lang=kk`): the clause under discussion in the original and
 * in a version, in two columns paged together. The hall's display is opened once with its address, so the
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

/** One language's text of the clause, laid out for paging (`projectorFit` pages every `.projector-text`). */
function projectorPages(clause: ClauseJson, lang: string): HTMLElement {
  const content = renderClauseContent(clause.content, clause.text);
  hangSubparagraphLabels(content);
  return h(
    'div',
    { class: 'projector-pages' },
    h('div', { class: 'projector-text', lang, dir: directionOf(lang) }, content),
  );
}

/** The clause on the big screen: in the original alone, or beside its version in two columns. */
export function projectorClauseText(doc: DocumentJson, clause: ClauseJson, version: DocumentJson | null): HTMLElement {
  const originalLang = doc.languages ? originalLanguage(doc.languages) : String(doc.metadata.language ?? 'en');
  const translated = version?.clauses.find((c) => c.id === clause.id);
  if (!version?.lang || !translated) return projectorPages(clause, originalLang);
  const column = (c: ClauseJson, lang: string): HTMLElement =>
    h(
      'div',
      { class: 'projector-language' },
      h('p', { class: 'projector-language-name' }, languageName(lang)),
      projectorPages(c, lang),
    );
  return h(
    'div',
    {
      class: 'projector-two-languages',
      role: 'group',
      'aria-label': t('languages:projector.columns', {
        original: languageName(originalLang),
        version: languageName(version.lang),
      }),
    },
    column(clause, originalLang),
    column(translated, version.lang),
  );
}
