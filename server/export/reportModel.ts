/**
 * A report: a meeting's summary record or the compilation table of amendments (`server/records/`), as plain
 * data, so it can be sent to a render worker (`renderWorker.ts`) and printed as PDF (`reportPdf.ts`) or DOCX
 * (`reportDocx.ts`). The wording is settled before it gets here: a renderer only lays it out.
 */

import type { ReportFormat } from '../../shared/api/records.js';

export type { ReportFormat };

export interface ReportTable {
  header: string[];
  /** Share of the width of each column, in per cent; they add up to 100. */
  widths: number[];
  rows: string[][];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  /** After the paragraphs, when the section is a table. */
  table?: ReportTable | null;
}

export interface Report {
  /** The masthead: the body, the symbol, the date line. */
  proponent: string;
  symbol: string;
  dateText: string;
  title: string;
  /** Lines under the title: what the report covers. */
  subtitle: string[];
  /** Landscape pages (a wide table), portrait otherwise. */
  landscape: boolean;
  sections: ReportSection[];
  /** BCP 47; the wording is Accord's English, as the exports' own words are. */
  language: string;
  /** ISO date-time: the files' own time, so the same report gives the same bytes. */
  generatedAt: string;
  /** File name without the extension: `almaty-declaration-record-2025-10-17`. */
  baseName: string;
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
