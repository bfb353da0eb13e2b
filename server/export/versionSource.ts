import type * as Y from 'yjs';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readVersion } from '../../shared/editor/ydoc.js';
import { textVersion } from '../presenters/versions.js';
import type { SourceClause } from './modelTypes.js';

/**
 * The language versions an export reads (`docs/languages.md`): a version's clauses are the original's —
 * same ids, kinds, statuses and order, since versions are aligned by clause identity — with the version's
 * content. A clause whose version holds no text (status `missing`) is never dropped: it carries the
 * original's content, marked `untranslated`, and every format says so where it prints it.
 */

/** What an export asks of the versions: the text's language, a second column's, or every version. */
export interface LanguagesAsked {
  /** The original's code (the document's `document_languages` original, default `en`). */
  original: string;
  /** The language of the text exported; null or the original's code: the original. */
  language: string | null;
  /** The second column of a parallel-text PDF, or null. */
  parallel: string | null;
  /** Every version besides the original (a submission package), else empty. */
  versions: string[];
}

/** The version in `lang` of `original`'s clauses, read from `ydoc` (live or a revision's). */
export function versionClauses(ydoc: Y.Doc, original: readonly SourceClause[], lang: string): SourceClause[] {
  return original.map((clause) => {
    const version = readVersion(ydoc, clause.id, lang);
    if (clauseToPlainText(version).trim() === '') return { ...clause, untranslated: true };
    return { ...clause, content: version.toJSON() as ClauseJSON };
  });
}

const liveReadings = new WeakMap<Y.Doc, Map<string, { key: string; original: unknown; clauses: SourceClause[] }>>();

/**
 * `versionClauses` of the live text, read once per version of it and per reading of the original (which
 * `liveClausesOf` keeps while nothing changes): a room asking for the Kazakh PDF together reads it once.
 */
export function liveVersionClauses(ydoc: Y.Doc, original: readonly SourceClause[], lang: string): SourceClause[] {
  let byLanguage = liveReadings.get(ydoc);
  if (!byLanguage) liveReadings.set(ydoc, (byLanguage = new Map()));
  const key = textVersion(ydoc);
  const kept = byLanguage.get(lang);
  if (kept?.key === key && kept.original === original) return kept.clauses;
  const clauses = versionClauses(ydoc, original, lang);
  byLanguage.set(lang, { key, original, clauses });
  return clauses;
}

/** Every language whose clauses the export reads besides the original. */
export function languagesToRead(asked: LanguagesAsked): string[] {
  const codes = [asked.language, asked.parallel, ...asked.versions];
  return [...new Set(codes.filter((c): c is string => c !== null && c !== asked.original))];
}

/**
 * The parts of the export source that depend on the languages asked: the text's clauses and language, the
 * parallel column and the package's other versions. `read(code)` gives a version's clauses.
 */
export function languageParts(
  asked: LanguagesAsked,
  original: SourceClause[],
  read: (code: string) => SourceClause[],
): {
  clauses: SourceClause[];
  language: { code: string; original: string };
  parallel: { code: string; clauses: SourceClause[] } | null;
  versions: { code: string; clauses: SourceClause[] }[];
} {
  const clausesIn = (code: string): SourceClause[] => (code === asked.original ? original : read(code));
  const version = asked.language !== null && asked.language !== asked.original ? asked.language : null;
  return {
    clauses: version ? read(version) : original,
    // Named even for the original: its language is then the one the document records, not a default.
    language: { code: version ?? asked.original, original: asked.original },
    parallel: asked.parallel ? { code: asked.parallel, clauses: clausesIn(asked.parallel) } : null,
    versions: asked.versions.filter((code) => code !== asked.original).map((code) => ({ code, clauses: read(code) })),
  };
}
