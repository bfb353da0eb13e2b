/**
 * The export renderer on a worker thread (see `threads/workerPool.ts`, `renderQueue.ts`): builds the document model
 * from the gathered source and renders one format, or prints a report (`reportModel.ts`), off the event loop
 * that serves everyone's keystrokes.
 */
import { parentPort } from 'node:worker_threads';
import type { ExportFormat } from '../../shared/api/export.js';
import type { SigningKey } from '../ledger/signingKey.js';
import { buildExportModel, renderExport, type ExportFile } from './index.js';
import { sha256Hex, type ExportSource } from './model.js';
import { lowerThreadPriority } from '../threads/threadPriority.js';
import { REPORT_CONTENT_TYPES, type Report, type ReportFormat } from './reportModel.js';
import { renderReportDocx } from './reportDocx.js';
import { renderReportPdf } from './reportPdf.js';

/** What the queue asks for: an export of the text, or a report (a meeting's record, the compilation table). */
export type RenderJob = TextJob | ReportJob;

/** An export of the text: a format, and the source as JSON (UTF-8, handed over) with its `generatedAt` apart. */
export interface TextJob {
  format: ExportFormat;
  source: Uint8Array;
  generatedAt: string;
  /** The conference's key, which signs a submission package (plain PEM strings). */
  signingKey: SigningKey;
}

/** A report, already worded (`reportModel.ts`), in one format. */
export interface ReportJob {
  report: Report;
  reportFormat: ReportFormat;
}

/** The rendered file, its bytes handed over rather than copied. */
export interface RenderResult {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  sha256: string;
}

async function renderText(job: TextJob): Promise<ExportFile> {
  const json = new TextDecoder().decode(job.source);
  const source = { ...(JSON.parse(json) as ExportSource), generatedAt: job.generatedAt };
  return renderExport(job.format, buildExportModel(source), { signingKey: job.signingKey });
}

async function renderReport({ report, reportFormat }: ReportJob): Promise<ExportFile> {
  const body = reportFormat === 'pdf' ? await renderReportPdf(report) : await renderReportDocx(report);
  return { body, contentType: REPORT_CONTENT_TYPES[reportFormat], fileName: `${report.baseName}.${reportFormat}` };
}

// The render threads yield to the event loop: everyone's keystrokes go first (`threadPriority.ts`).
if (parentPort) lowerThreadPriority();

parentPort?.on('message', ({ id, job }: { id: number; job: RenderJob }) => {
  void (async () => {
    try {
      const file = 'report' in job ? await renderReport(job) : await renderText(job);
      // A small Buffer may be a view into a shared pool: copy it into a buffer of its own to hand over.
      const body =
        file.body.byteOffset === 0 && file.body.byteLength === file.body.buffer.byteLength
          ? new Uint8Array(file.body.buffer)
          : new Uint8Array(file.body);
      const result: RenderResult = {
        body,
        contentType: file.contentType,
        fileName: file.fileName,
        sha256: sha256Hex(body),
      };
      parentPort!.postMessage({ id, result }, [body.buffer as ArrayBuffer]);
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
