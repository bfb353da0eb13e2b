import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { directionOf, originalLanguage } from '../api/languageChoice.js';
import { Drawn } from '../components/bridge.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { t } from '../i18n/index.js';
import { languageName } from './languageLabels.js';
import { hangSubparagraphLabels, type Paging } from './projectorFit.js';

/**
 * The clause under discussion on the big screen, in very large type: in the original alone, or beside its
 * version (`?lang=`, projectorLanguages.ts) in two columns paged together. `projectorFit.ts` pages every
 * `.projector-text` after each draw and says which page shows; the indicator is drawn from that.
 */

/** One language's text of the clause, laid out for paging, its subparagraph labels hung in the gutter. */
function Pages({ clause, lang }: { clause: ClauseJson; lang: string }) {
  return (
    <div class="projector-pages">
      <div class="projector-text" lang={lang} dir={directionOf(lang)}>
        <Drawn
          draw={() => {
            const content = renderClauseContent(clause.content, clause.text);
            hangSubparagraphLabels(content);
            return content;
          }}
          from={[clause.content, clause.text]}
        />
      </div>
    </div>
  );
}

/** The clause's text: the original alone, or beside its version in two columns. */
function ClauseText({ doc, clause, version }: { doc: DocumentJson; clause: ClauseJson; version: DocumentJson | null }) {
  const originalLang = doc.languages ? originalLanguage(doc.languages) : String(doc.metadata.language ?? 'en');
  const translated = version?.clauses.find((c) => c.id === clause.id);
  if (!version?.lang || !translated) return <Pages clause={clause} lang={originalLang} />;
  const column = (c: ClauseJson, lang: string) => (
    <div class="projector-language">
      <p class="projector-language-name">{languageName(lang)}</p>
      <Pages clause={c} lang={lang} />
    </div>
  );
  return (
    <div
      class="projector-two-languages"
      role="group"
      aria-label={t('languages:projector.columns', {
        original: languageName(originalLang),
        version: languageName(version.lang),
      })}
    >
      {column(clause, originalLang)}
      {column(translated, version.lang)}
    </div>
  );
}

export interface ClauseSectionProps {
  doc: DocumentJson;
  clause: ClauseJson;
  version: DocumentJson | null;
  paging: Paging;
}

/** "Now discussing: OP4", the page shown when the clause has more than one, and the text. */
export function ClauseSection({ doc, clause, version, paging }: ClauseSectionProps) {
  return (
    <section class="projector-clause" aria-label={t('voting:nowDiscussing.label')} data-clause-id={clause.id}>
      <div class="projector-clause-head">
        <p class="projector-label">
          {`${t('voting:nowDiscussing.label')}: `}
          <strong>{clause.ref}</strong>
        </p>
        <p class="projector-page" hidden={paging.count < 2} data-page={paging.page} data-pages={paging.count}>
          {t('voting:projector.page', { page: paging.page, count: paging.count })}
        </p>
      </div>
      <ClauseText doc={doc} clause={clause} version={version} />
    </section>
  );
}
