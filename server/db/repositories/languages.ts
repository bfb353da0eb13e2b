import type { Sql } from '../sql.js';
import { now } from '../ids.js';
import { DEFAULT_ORIGINAL, type SettableTranslationStatus } from '../../../shared/domain/languages.js';

export interface DocumentLanguageRow {
  code: string;
  original: boolean;
}

export interface TranslationRow {
  clause_id: string;
  lang: string;
  status: SettableTranslationStatus;
  fingerprint: string | null;
  original_text: string | null;
  marked_at: string;
}

/** The language versions of documents and where each clause's version stands (migration 160). */
export class Languages {
  constructor(private readonly sql: Sql) {}

  /**
   * The document's versions, the original first. A document without rows (created before versions, outside
   * the commands that record its language) has its original in `DEFAULT_ORIGINAL`.
   */
  async forDocument(documentId: string): Promise<DocumentLanguageRow[]> {
    const rows = await this.sql.all<{ code: string; original: number | boolean }>(
      'SELECT code, original FROM document_languages WHERE document_id = ? ORDER BY original DESC, added_at, code',
      [documentId],
    );
    const list = rows.map((r) => ({ code: r.code, original: Boolean(r.original) }));
    return list.some((l) => l.original) ? list : [{ code: DEFAULT_ORIGINAL, original: true }, ...list];
  }

  /** Codes the document has rows for (its original may be only the default). */
  async recorded(documentId: string): Promise<string[]> {
    const rows = await this.sql.all<{ code: string }>('SELECT code FROM document_languages WHERE document_id = ?', [
      documentId,
    ]);
    return rows.map((r) => r.code);
  }

  /** Records a version (or, with `original`, the document's own language). */
  async add(documentId: string, code: string, original: boolean, by: string | null): Promise<void> {
    await this.sql.run(
      `INSERT INTO document_languages (document_id, code, original, added_by, added_at)
       VALUES (@documentId, @code, @original, @by, @at)`,
      { documentId, code, original: original ? 1 : 0, by, at: now() },
    );
  }

  /** Every clause version row of a document, or of one language. */
  translations(documentId: string, lang?: string): Promise<TranslationRow[]> {
    return lang === undefined
      ? this.sql.all<TranslationRow>('SELECT * FROM clause_translations WHERE document_id = ?', [documentId])
      : this.sql.all<TranslationRow>('SELECT * FROM clause_translations WHERE document_id = ? AND lang = ?', [
          documentId,
          lang,
        ]);
  }

  /** Sets a clause version's status; `current` carries the original's fingerprint and text at this moment. */
  async mark(
    documentId: string,
    clauseId: string,
    lang: string,
    mark: { status: SettableTranslationStatus; fingerprint: string | null; originalText: string | null; by: string },
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO clause_translations
         (document_id, clause_id, lang, status, fingerprint, original_text, marked_by, marked_at)
       VALUES (@documentId, @clauseId, @lang, @status, @fingerprint, @originalText, @by, @at)
       ON CONFLICT (document_id, clause_id, lang) DO UPDATE SET status = excluded.status,
         fingerprint = excluded.fingerprint, original_text = excluded.original_text,
         marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
      { documentId, clauseId, lang, ...mark, at: now() },
    );
  }

  /**
   * Voids the fingerprints of a clause's current versions, so they read stale whatever its text becomes (a
   * split or merge: the versions stay as they were and the translators redo them). The original's text as
   * it was marked stays, for the diff.
   */
  async voidCurrent(documentId: string, clauseId: string): Promise<number> {
    const result = await this.sql.run(
      `UPDATE clause_translations SET fingerprint = '' WHERE document_id = ? AND clause_id = ? AND status = 'current'`,
      [documentId, clauseId],
    );
    return result.changes;
  }
}
