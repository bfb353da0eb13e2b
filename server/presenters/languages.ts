import type * as Y from 'yjs';
import type { ClauseJson } from '../../shared/api/documents.js';
import type { ClauseTranslationJson, DocumentLanguageJson } from '../../shared/api/languages.js';
import { translationStatus } from '../../shared/domain/languages.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { clauseToPlainText, countOpenBrackets } from '../../shared/editor/text.js';
import { readClause, readVersion } from '../../shared/editor/ydoc.js';
import type { DocumentLanguageRow, TranslationRow } from '../db/repositories/languages.js';
import { textFingerprint } from '../queries/languages.js';

/** What the language views of a document are built from. */
export interface VersionsInput {
  languages: DocumentLanguageRow[];
  translations: TranslationRow[];
}

/** Where one clause's version stands, with the original's texts for the diff when it is stale. */
export function clauseTranslation(
  doc: Y.Doc,
  clauseId: string,
  lang: string,
  row: TranslationRow | undefined,
): { json: ClauseTranslationJson; text: string } {
  const text = clauseToPlainText(readVersion(doc, clauseId, lang));
  const original = clauseToPlainText(readClause(doc, clauseId));
  const status = translationStatus(row, text.trim() === '', textFingerprint(original));
  const json: ClauseTranslationJson = { status, ...(row ? { since: row.marked_at } : {}) };
  if (status === 'stale') Object.assign(json, { originalThen: row?.original_text ?? '', original });
  return { json, text };
}

/** The versions of a document, the original first, each counting its current clauses among `liveIds`. */
export function presentLanguages(doc: Y.Doc, liveIds: string[], input: VersionsInput): DocumentLanguageJson[] {
  return input.languages.map(({ code, original }) => {
    if (original) return { code, original, current: liveIds.length, total: liveIds.length };
    const rows = byClause(input.translations, code);
    const current = liveIds.filter(
      (id) => clauseTranslation(doc, id, code, rows.get(id)).json.status === 'current',
    ).length;
    return { code, original, current, total: liveIds.length };
  });
}

/**
 * The original's clauses (numbers, kinds, statuses) shown with the text of their version in `lang`, each
 * with where it stands. Comments and amendments stay on the clause ids, whatever language is shown.
 */
export function presentVersionClauses(
  doc: Y.Doc,
  clauses: ClauseJson[],
  lang: string,
  translations: TranslationRow[],
  withContent: boolean,
): ClauseJson[] {
  const rows = byClause(translations, lang);
  return clauses.map((clause) => {
    const { json, text } = clauseTranslation(doc, clause.id, lang, rows.get(clause.id));
    const { content: _original, ...rest } = clause;
    return {
      ...rest,
      ...(withContent ? { content: readVersion(doc, clause.id, lang).toJSON() as ClauseJSON } : {}),
      text,
      openBrackets: countOpenBrackets(text),
      translation: json,
    };
  });
}

function byClause(rows: TranslationRow[], lang: string): Map<string, TranslationRow> {
  return new Map(rows.filter((r) => r.lang === lang).map((r) => [r.clause_id, r]));
}
