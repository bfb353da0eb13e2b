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

/** The original clause's text and its fingerprint, read once per clause however many versions ask. */
export type OriginalTexts = (clauseId: string) => { text: string; fingerprint: string };

export function originalTexts(doc: Y.Doc): OriginalTexts {
  const read = new Map<string, { text: string; fingerprint: string }>();
  return (clauseId) => {
    let found = read.get(clauseId);
    if (!found) {
      const text = clauseToPlainText(readClause(doc, clauseId));
      found = { text, fingerprint: textFingerprint(text) };
      read.set(clauseId, found);
    }
    return found;
  };
}

/** Where one clause's version stands, with the original's texts for the diff when it is stale. */
export function clauseTranslation(
  doc: Y.Doc,
  clauseId: string,
  lang: string,
  row: TranslationRow | undefined,
  originals: OriginalTexts,
): { json: ClauseTranslationJson; text: string } {
  const text = clauseToPlainText(readVersion(doc, clauseId, lang));
  const original = originals(clauseId);
  const status = translationStatus(row, text.trim() === '', original.fingerprint);
  const json: ClauseTranslationJson = { status, ...(row ? { since: row.marked_at } : {}) };
  if (status === 'stale') Object.assign(json, { originalThen: row?.original_text ?? '', original: original.text });
  return { json, text };
}

/** The versions of a document, the original first, each counting its current clauses among `liveIds`. */
export function presentLanguages(
  doc: Y.Doc,
  liveIds: string[],
  input: VersionsInput,
  originals: OriginalTexts = originalTexts(doc),
): DocumentLanguageJson[] {
  return input.languages.map(({ code, original }) => {
    if (original) return { code, original, current: liveIds.length, total: liveIds.length };
    const rows = byClause(input.translations, code);
    // Only a clause marked current can be current: the others are not read at all.
    const current = liveIds.filter(
      (id) =>
        rows.get(id)?.status === 'current' &&
        clauseTranslation(doc, id, code, rows.get(id), originals).json.status === 'current',
    ).length;
    return { code, original, current, total: liveIds.length };
  });
}

/** What a document's version views are built from, as part of a cache key (never the original's stored texts). */
export function versionsKey(input: VersionsInput): string {
  const languages = input.languages.map((l) => `${l.code}${l.original ? '*' : ''}`).join(',');
  const rows = input.translations.map((r) => `${r.clause_id}:${r.lang}:${r.status}:${r.fingerprint}:${r.marked_at}`);
  return `${languages}|${rows.sort().join(',')}`;
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
  originals: OriginalTexts = originalTexts(doc),
): ClauseJson[] {
  const rows = byClause(translations, lang);
  return clauses.map((clause) => {
    const { json, text } = clauseTranslation(doc, clause.id, lang, rows.get(clause.id), originals);
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
