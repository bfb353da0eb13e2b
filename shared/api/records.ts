import { z } from 'zod';
import { REPORT_FORMATS } from '../domain/formats.js';
export { REPORT_FORMATS, type ReportFormat } from '../domain/formats.js';

/**
 * A meeting's summary record and the compilation table of amendments, printed (see docs/meeting.md, "Records"):
 * `GET /api/documents/:id/record?format=docx|pdf[&from&to]` and `GET /api/documents/:id/compilation?format=docx|pdf`.
 */

/** The compilation table's query: the format alone. */
export const compilationQuery = z.object({ format: z.enum(REPORT_FORMATS) });

/**
 * The record's query: the format, and the meeting as a time range, each end a day (`2025-10-16`) or a date-time
 * with its zone; none: the document's whole history. A range that is not one is 400 `invalid_range`.
 */
export const recordQuery = z.object({
  format: z.enum(REPORT_FORMATS),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type RecordQuery = z.infer<typeof recordQuery>;
