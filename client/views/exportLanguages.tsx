import type { DocumentJson } from '../../shared/api/documents.js';
import { et } from './exportDownload.js';
import { coverageText, languageName } from './languageLabels.js';

/** The language a download is printed in, and the one facing it in a parallel-text PDF (null: none). */
export interface LanguagePick {
  lang: string;
  parallel: string | null;
}

/** The code of the document's original language. */
export const originalOf = (live: DocumentJson): string => live.languages?.find((l) => l.original)?.code ?? 'en';

/** What the form's two fields (`lang`, `parallel`) say; the original when the document has no versions. */
export function pickedLanguages(form: FormData, original: string): LanguagePick {
  const lang = form.get('lang');
  const parallel = form.get('parallel');
  return {
    lang: typeof lang === 'string' && lang ? lang : original,
    parallel: typeof parallel === 'string' && parallel ? parallel : null,
  };
}

/**
 * What a download asks for of the languages (`docs/languages.md`, "Exports in every language"): `lang` when it
 * is a version, not the original; `parallel` only for a PDF, and only a language other than the text's own.
 */
export function languageQuery(pick: LanguagePick, format: string, original: string): Record<string, string> {
  const query: Record<string, string> = {};
  if (pick.lang !== original) query.lang = pick.lang;
  if (format === 'pdf' && pick.parallel !== null && pick.parallel !== pick.lang) query.parallel = pick.parallel;
  return query;
}

/**
 * The export form's choice of languages: the version the text is printed in (the original by default, each
 * version with its coverage, since a clause not yet translated prints in the original's words) and, for a
 * PDF, a second language beside it. Nothing is drawn for a document with the original alone. The fields are
 * the form's (`lang`, `parallel`), read when it is sent.
 */
export function LanguageChoice({ live }: { live: DocumentJson }) {
  const languages = live.languages ?? [];
  if (languages.length < 2) return null;
  // Drawn twice (a vnode is placed once).
  const options = () =>
    languages.map((l) => (
      <option key={l.code} value={l.code} lang={l.code}>
        {l.original
          ? et('language.original', { name: languageName(l.code) })
          : et('language.option', { name: languageName(l.code), coverage: coverageText(l) })}
      </option>
    ));
  return (
    <div class="export-languages">
      <div class="field">
        <label for="export-language">{et('language.label')}</label>
        <select id="export-language" name="lang" aria-describedby="export-language-hint">
          {options()}
        </select>
        <p class="hint" id="export-language-hint">
          {et('language.hint')}
        </p>
      </div>
      <div class="field">
        <label for="export-parallel">{et('language.parallel')}</label>
        <select id="export-parallel" name="parallel" aria-describedby="export-parallel-hint">
          <option value="">{et('language.parallelNone')}</option>
          {options()}
        </select>
        <p class="hint" id="export-parallel-hint">
          {et('language.parallelHint')}
        </p>
      </div>
    </div>
  );
}
