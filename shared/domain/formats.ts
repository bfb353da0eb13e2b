/**
 * The file formats the browser and the server share: exports, the meeting's papers, and the Word file an
 * import reads (the schemas are in `shared/api/export.ts`, `records.ts` and `import.ts`).
 */

/** Every export format, in the order the export screen offers them. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'akn', 'html', 'md', 'json', 'package'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats of a meeting's summary record and of the compilation table. */
export const REPORT_FORMATS = ['pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The media type of a Word document, which `POST /api/documents/import` takes as its body. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a pasted text is sent to the import as. */
export const TEXT_MEDIA_TYPE = 'text/plain';
