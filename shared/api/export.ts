import { z } from 'zod';
import { idSchema } from './documents.js';
import { EXPORT_FORMATS } from '../domain/formats.js';
export { EXPORT_FORMATS, type ExportFormat } from '../domain/formats.js';

/**
 * `GET /api/documents/:id/export?format=…&revision=…` (public contract): the text of a document, live or as
 * a named revision froze it, in one of the formats below (see docs/export-format.md).
 */

/** The message of a 400 `invalid_format`: names what was asked for and lists the formats that exist. */
export function invalidFormatMessage(format: unknown): string {
  const asked =
    typeof format === 'string' && format !== ''
      ? `Unknown export format “${format.slice(0, 40)}”`
      : 'No export format given';
  return `${asked}: use format=${EXPORT_FORMATS.join('|')}.`;
}

/** The `format` query parameter alone: its failure is `invalid_format`, not `invalid_input`. */
export const exportFormatSchema = z.enum(EXPORT_FORMATS);

/**
 * The rest of the query: a revision id, or nothing for the live text; `lang`, a language version of the
 * document (the original when absent); `parallel`, the second column of a parallel-text PDF.
 */
export const exportQuery = z.object({
  revision: idSchema.optional(),
  lang: z.string().min(2).max(12).optional(),
  parallel: z.string().min(2).max(12).optional(),
});
