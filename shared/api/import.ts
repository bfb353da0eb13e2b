import { z } from 'zod';
import type { ClauseKind } from '../domain/clauses.js';
import { idSchema } from './documents.js';
export { DOCX_MEDIA_TYPE, TEXT_MEDIA_TYPE } from '../domain/formats.js';

/** The largest Word file an import reads: 10 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The largest pasted text an import reads: 8 MB of UTF-8, room for the largest document's 2 MB of text. */
export const IMPORT_TEXT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * `POST /api/documents/import?id=<new id>[&symbol=…][&dryRun=1]`: `id` is the new document's (required unless a
 * dry run), `symbol` its UN document symbol (default: the one the file carries, else the id in capitals).
 */
export const importQuery = z.object({
  id: idSchema.optional(),
  symbol: z.string().trim().min(1).max(100).optional(),
  dryRun: z.enum(['1', 'true', '0', 'false']).optional(),
});

/** A clause read from the Word file: kind, derived number, plain text and text in the light markup (emphasis kept). */
export interface ImportedClauseJson {
  kind: ClauseKind;
  number: string | null;
  text: string;
  markup: string;
}

/** What the import did not carry or changed: comments, tracked changes, images, numbers… `clause` is an index in `clauses`. */
export interface ImportWarningJson {
  id: string;
  /** The sentence in English. */
  message: string;
  /**
   * What it names, for the client to word it in the reader's language by `id`: `ref` (the clause's reference,
   * "OP3", when it concerns a clause), `title`, `typed` (a typed paragraph number), `author` and `quote` (a
   * Word comment's).
   */
  params: Record<string, string | number>;
  clause?: number;
}

/** A dry run's answer: the structure Accord read, before anything is created. */
export interface ImportPreviewJson {
  title: string;
  symbol: string | null;
  clauses: ImportedClauseJson[];
  warnings: ImportWarningJson[];
}
