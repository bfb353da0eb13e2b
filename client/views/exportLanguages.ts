import type { DocumentJson } from '../../shared/api/documents.js';
import { h } from '../dom.js';
import { et } from './exportDownload.js';
import { coverageText, languageName } from './languageLabels.js';

/** The language a download is printed in, and the one facing it in a parallel-text PDF (null: none). */
export interface LanguagePick {
  lang: string;
  parallel: string | null;
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
 * The export page's choice of languages: the version the text is printed in (the original by default, each
 * version with its coverage, since a clause not yet translated prints in the original's words) and, for a
 * PDF, a second language beside it. Nothing is drawn for a document with the original alone.
 */
export function LanguageChoice(live: DocumentJson): { el: HTMLElement | null; picked(): LanguagePick } {
  const languages = live.languages ?? [];
  const original = languages.find((l) => l.original)?.code ?? 'en';
  const optionsOf = (withNone: boolean): HTMLOptionElement[] => [
    ...(withNone ? [h('option', { value: '' }, et('language.parallelNone'))] : []),
    ...languages.map((l) =>
      h(
        'option',
        { value: l.code, lang: l.code },
        l.original
          ? et('language.original', { name: languageName(l.code) })
          : et('language.option', { name: languageName(l.code), coverage: coverageText(l) }),
      ),
    ),
  ];
  const lang = h('select', { id: 'export-language', 'aria-describedby': 'export-language-hint' }, optionsOf(false));
  const parallel = h('select', { id: 'export-parallel', 'aria-describedby': 'export-parallel-hint' }, optionsOf(true));
  const picked = (): LanguagePick => ({ lang: lang.value || original, parallel: parallel.value || null });
  if (languages.length < 2) return { el: null, picked };
  const el = h(
    'div',
    { class: 'export-languages' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: lang.id }, et('language.label')),
      lang,
      h('p', { class: 'hint', id: 'export-language-hint' }, et('language.hint')),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: parallel.id }, et('language.parallel')),
      parallel,
      h('p', { class: 'hint', id: 'export-parallel-hint' }, et('language.parallelHint')),
    ),
  );
  return { el, picked };
}
