import type { ReportFormat } from '../../shared/api/records.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { exportQueue } from '../export/renderQueue.js';
import type { Report } from '../export/reportModel.js';
import { authorize } from '../policies/authorize.js';
import { loadDocument } from '../queries/documents.js';
import { compilationTable } from '../records/compilationTable.js';
import { gatherFacts, type RecordFacts } from '../records/facts.js';
import { meetingRecord } from '../records/meetingRecord.js';
import { within, type MeetingRange } from '../records/range.js';
import { audit } from './audit.js';
import type { ExportResult } from './exportDocument.js';

/** What to print: a meeting's summary record over a range of time, or the compilation table of amendments. */
export type ReportRequest =
  { kind: 'record'; format: ReportFormat; range: MeetingRange } | { kind: 'compilation'; format: ReportFormat };

/**
 * Prints a report of a document as PDF or DOCX. Goes through the export queue like any export (a place first:
 * 429 `export_limit`, 503 `export_queue_full`; the render on a worker thread, off the event loop), reads the
 * ledger and the amendments in one transaction and words the report there, then records the file handed out
 * (`document.report`: which report, the range, the SHA-256) in the ledger before returning it.
 * 404 `document_not_found`; 403 unless the actor may `record.export` and read the document.
 */
export async function exportReport(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  request: ReportRequest,
  now: Date = new Date(),
): Promise<ExportResult> {
  const ticket = exportQueue({ workers: ctx.config.EXPORT_WORKERS, perUser: ctx.config.EXPORT_PER_USER }).reserve(
    actor.userId,
  );
  try {
    await ctx.registry.get(documentId);
    const report = await ctx.store.transaction(async () => {
      const doc = await loadDocument(ctx, documentId);
      authorizeReport(actor, doc);
      const facts = await gatherFacts(ctx, doc);
      return word(ctx, facts, request, now.toISOString());
    });
    const file = await ticket.renderReport(request.format, report);
    const body = Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength);
    await ctx.store.transaction(async () => {
      await audit(ctx, actor, 'document.report', {
        documentId,
        subject: `document:${documentId}`,
        payload: {
          report: request.kind,
          format: request.format,
          ...(request.kind === 'record' ? { from: request.range.from, to: request.range.to } : {}),
          sha256: file.sha256,
          bytes: body.length,
          fileName: file.fileName,
        },
      });
    });
    return { body, contentType: file.contentType, fileName: file.fileName, sha256: file.sha256 };
  } finally {
    ticket.release();
  }
}

/** The one rule for who may print a report: the right to it, and the right to read the document. */
export function authorizeReport(actor: Actor, doc: DocumentRow): void {
  authorize(actor, 'record.export', { stage: doc.stage });
  authorize(actor, 'document.read', { stage: doc.stage });
}

async function word(ctx: AppContext, facts: RecordFacts, request: ReportRequest, now: string): Promise<Report> {
  if (request.kind === 'compilation') return compilationTable(facts, now);
  const entries = (await ctx.store.audit.forDocument(facts.doc.id)).filter((e) => within(request.range, e.at));
  return meetingRecord(facts, entries, request.range, now);
}
