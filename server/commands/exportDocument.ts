import type { ExportFormat } from '../../shared/api/export.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import type { ExportFile } from '../export/index.js';
import { exportQueue, type Reading } from '../export/renderQueue.js';
import { textVersion as liveTextVersion } from '../presenters/versions.js';
import { gatherExportSource } from '../export/source.js';
import { authorize } from '../policies/authorize.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { revisionNotFound } from '../presenters/revision.js';
import { HttpError } from '../http/errors.js';
import type { LanguagesAsked } from '../export/versionSource.js';

export interface ExportRequest {
  format: ExportFormat;
  /** A published revision's id, or null for the live text. */
  revision: string | null;
  /** A language version's code (`?lang=`); absent, null or the original's: the original. */
  lang?: string | null;
  /** A parallel-text PDF's second column (`&parallel=`), any language of the document. */
  parallel?: string | null;
}

export interface ExportResult extends ExportFile {
  /** SHA-256 (hex) of `body`, as the ledger records it. */
  sha256: string;
}

/**
 * The one rule for who may export what. Exporting hands the text out, so it takes both the export right
 * and the right to read what is exported: today everyone signed in reads the live text and every
 * published revision, observers included. A narrower rule (an unpublished revision, a closed session)
 * belongs here and nowhere else.
 */
export function authorizeExport(actor: Actor, doc: DocumentRow, _revisionId: string | null): void {
  authorize(actor, 'document.export', { stage: doc.stage });
  authorize(actor, 'document.read', { stage: doc.stage });
}

/**
 * Exports a document, live or as a revision froze it, in one format. Takes a place in the export queue first
 * (429 `export_limit` beyond the person's share, 503 `export_queue_full`) and checks the ask (who, which
 * revision, which languages). When its render can start, everything is read in one transaction (so text, votes
 * and ledger agree), once for everyone who asked for the same file meanwhile, and rendered on a worker thread
 * (`renderQueue.ts`: a reading the same as the file's last render gets that file). Then it records the export
 * — format, revision and the SHA-256 of the file handed out — in the ledger and commits before the file is
 * returned: every copy that leaves Accord can be traced to its ledger row.
 *
 * `actor` null is the operator at the command line (`npm run export`), who holds the database itself.
 * 404 `document_not_found` / `revision_not_found`; 403 when the actor may not export.
 */
export async function exportDocument(
  ctx: AppContext,
  actor: Actor | null,
  documentId: string,
  request: ExportRequest,
  now: Date = new Date(),
): Promise<ExportResult> {
  const ticket = exportQueue({ workers: ctx.config.EXPORT_WORKERS, perUser: ctx.config.EXPORT_PER_USER }).reserve(
    actor?.userId ?? 'operator',
  );
  try {
    const { doc, languages } = await ctx.store.transaction(async () => {
      const doc = await loadDocument(ctx, documentId);
      if (actor) authorizeExport(actor, doc, request.revision);
      if (request.revision && !(await ctx.store.revisions.exists(doc.id, request.revision)))
        throw revisionNotFound(doc.id, request.revision);
      return { doc, languages: await languagesAsked(ctx, doc.id, request) };
    });
    const read = async (): Promise<Reading> => {
      // Loading the live doc commits any edit still waiting for its group commit; doing it before the read
      // transaction keeps that commit out of it.
      await ctx.registry.get(doc.id);
      return ctx.store.transaction(async () => {
        const source = await gatherExportSource(ctx, doc.id, request.revision, now, languages);
        const textVersion = request.revision
          ? `revision:${request.revision}`
          : liveTextVersion((await ctx.registry.get(doc.id))!);
        return { source, textVersion };
      });
    };
    const file = await ticket.render(
      {
        format: request.format,
        documentId: doc.id,
        revision: request.revision,
        language: languages?.language ?? null,
        parallel: languages?.parallel ?? null,
        signingKey: ctx.signingKey,
      },
      read,
    );
    const body = Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength);
    await ctx.store.transaction(async () => {
      await audit(ctx, actor, 'document.export', {
        documentId: doc.id,
        subject: request.revision ? `revision:${request.revision}` : `document:${doc.id}`,
        payload: {
          format: request.format,
          revision: request.revision,
          ...(languages ? { lang: languages.language } : {}),
          ...(languages?.parallel ? { parallel: languages.parallel } : {}),
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

/**
 * The languages an export reads, checked against the document's versions: 404 `language_not_found` for a
 * code it lacks, 400 `invalid_input` for a second column outside a PDF or the same as the first. A submission
 * package carries every version. Null when the export is the original alone, exactly as before versions.
 */
async function languagesAsked(
  ctx: AppContext,
  documentId: string,
  request: ExportRequest,
): Promise<LanguagesAsked | null> {
  const list = await ctx.store.languages.forDocument(documentId);
  const original = list.find((l) => l.original)!.code;
  for (const code of [request.lang, request.parallel])
    if (code != null && !list.some((l) => l.code === code))
      throw HttpError.of('language_not_found', `${documentId} has no ${code} version.`);
  const language = request.lang ?? original;
  const parallel = request.parallel ?? null;
  if (parallel !== null && request.format !== 'pdf')
    throw HttpError.of('invalid_input', 'A parallel text is a PDF: use format=pdf with parallel=.', 'parallel');
  if (parallel === language)
    throw HttpError.of('invalid_input', 'The parallel column must be in another language than the text.', 'parallel');
  const versions = request.format === 'package' ? list.filter((l) => !l.original).map((l) => l.code) : [];
  if (language === original && parallel === null && versions.length === 0) return null;
  return { original, language, parallel, versions };
}
