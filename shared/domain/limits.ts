/**
 * How much text one clause and one document may hold. The server enforces them on every path that writes
 * text (collab updates, amendments, imports, the clause API); the editor shows a counter near them and
 * refuses an over-long paste. Both are configurable (`MAX_CLAUSE_CHARS`, `MAX_DOCUMENT_CHARS`); the server
 * tells the client the values in force, so these are only the defaults.
 *
 * Characters are UTF-16 code units of the clause's plain text, as `String.length` counts them.
 */
export interface TextLimits {
  /** Characters one clause may hold. Default 20,000 (about eight pages). */
  clauseChars: number;
  /** Characters the whole document may hold, every clause together. Default 2,000,000 (2 MB of text). */
  documentChars: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { clauseChars: 20_000, documentChars: 2_000_000 };
