/**
 * The export renderer on a worker thread (see `workerPool.ts`, `renderQueue.ts`): builds the document model
 * from the gathered source and renders one format, off the event loop that serves everyone's keystrokes.
 */
import { parentPort } from 'node:worker_threads';
import type { ExportFormat } from '../../shared/api/export.js';
import type { SigningKey } from '../ledger/signingKey.js';
import { buildExportModel, renderExport } from './index.js';
import { sha256Hex, type ExportSource } from './model.js';
import { lowerThreadPriority } from './threadPriority.js';

/** What the queue asks for: a format, and the source as JSON with its `generatedAt` apart. */
export interface RenderJob {
  format: ExportFormat;
  source: string;
  generatedAt: string;
  /** The conference's key, which signs a submission package (plain PEM strings). */
  signingKey: SigningKey;
}

/** The rendered file, its bytes handed over rather than copied. */
export interface RenderResult {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  sha256: string;
}

// The render threads yield to the event loop: everyone's keystrokes go first (`threadPriority.ts`).
if (parentPort) lowerThreadPriority();

parentPort?.on('message', ({ id, job }: { id: number; job: RenderJob }) => {
  void (async () => {
    try {
      const source = { ...(JSON.parse(job.source) as ExportSource), generatedAt: job.generatedAt };
      const file = await renderExport(job.format, buildExportModel(source), { signingKey: job.signingKey });
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
