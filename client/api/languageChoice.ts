import type { DocumentLanguageJson } from '../../shared/api/languages.js';
import { isLanguageCode, type LanguageCode, type TranslationStatus } from '../../shared/domain/languages.js';

/**
 * What a reader chose to read a document in, and the rules of a version's row: pure, so the document page,
 * the projector and the translator's editor show the same thing, and tests read it without a page.
 */

/** The text a reader reads: the original (`lang` null) or a version, alone or beside the original. */
export interface ReadingChoice {
  lang: LanguageCode | null;
  /** The original and the version side by side, clause by clause. */
  parallel: boolean;
}

export const ORIGINAL: ReadingChoice = { lang: null, parallel: false };

/** Where a reader's choice is kept per document, so that it survives a reload and a visit without the query. */
export const readingKey = (documentId: string): string => `accord.reading.${documentId}`;

/**
 * The choice from the page's query (`?lang=kk`, `&parallel=1`), else the one kept for the document, else the
 * original. A query naming `lang=` with no code asks for the original.
 */
export function choiceFrom(query: URLSearchParams, kept: string | null): ReadingChoice {
  if (query.has('lang')) return parseChoice(query.get('lang'), query.get('parallel') === '1');
  if (!kept) return ORIGINAL;
  try {
    const value = JSON.parse(kept) as { lang?: unknown; parallel?: unknown };
    return parseChoice(typeof value.lang === 'string' ? value.lang : null, value.parallel === true);
  } catch {
    return ORIGINAL;
  }
}

/** A choice from what a page or storage says: a code outside `LANGUAGE_CODES` reads the original. */
export function parseChoice(lang: string | null, parallel: boolean): ReadingChoice {
  return lang && isLanguageCode(lang) ? { lang, parallel } : ORIGINAL;
}

/** The choice as the document has it: a code it has no version in, or its original, reads the original. */
export function resolveChoice(choice: ReadingChoice, languages: readonly DocumentLanguageJson[]): ReadingChoice {
  const version = languages.find((l) => l.code === choice.lang);
  return version && !version.original ? choice : ORIGINAL;
}

/** The page's query for a choice, keeping the page's other parameters. */
export function choiceQuery(choice: ReadingChoice, query: URLSearchParams): string {
  const next = new URLSearchParams(query);
  next.delete('lang');
  next.delete('parallel');
  if (choice.lang) next.set('lang', choice.lang);
  if (choice.lang && choice.parallel) next.set('parallel', '1');
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** The original's language: the first of the document's languages, `en` when it lists none. */
export function originalLanguage(languages: readonly DocumentLanguageJson[] | undefined): string {
  return languages?.find((l) => l.original)?.code ?? 'en';
}

/** Text direction of a language's script. */
export function directionOf(code: string): 'rtl' | 'ltr' {
  return code === 'ar' ? 'rtl' : 'ltr';
}

/** The chip's tone for a clause's status in a version: colour with the words, never colour alone. */
export function statusTone(status: TranslationStatus): 'neutral' | 'accent' | 'ok' | 'warn' {
  return status === 'current' ? 'ok' : status === 'stale' ? 'warn' : status === 'draft' ? 'accent' : 'neutral';
}

/** The marks a translator may set from a status: an empty version can be marked nothing (`translation_missing`). */
export function offeredMarks(status: TranslationStatus): ('current' | 'draft')[] {
  if (status === 'missing') return [];
  if (status === 'draft') return ['current'];
  if (status === 'current') return ['draft'];
  return ['current', 'draft'];
}

/** Versions the secretariat may still add: the codes the document has no version in. */
export function addableLanguages(languages: readonly DocumentLanguageJson[], codes: readonly string[]): string[] {
  const have = new Set(languages.map((l) => l.code));
  return codes.filter((code) => !have.has(code));
}
