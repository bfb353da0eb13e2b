/**
 * Reads a Word file, or a pasted text, on a worker thread (see `importQueue.ts`): unpacking and parsing a 10 MB
 * file is seconds of work, and a pasted text megabytes of lines, that must not hold the event loop everyone's
 * keystrokes go through.
 */
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/threadPriority.js';
import type { KnownErrorId } from '../../shared/api/errors.js';
import { HttpError } from '../http/errors.js';
import { readDocxPackage } from './docxPackage.js';
import { presentDraft, type ImportedDraft } from './present.js';
import { readPastedText } from './pastedText.js';
import { readStructure } from './structure.js';

/** A Word file's bytes, or a pasted text. */
export type ImportJob = { bytes: Uint8Array } | { text: string };

/** The draft read, or the reason the file was refused (an error id and its sentence). */
export type ImportOutcome = { draft: ImportedDraft } | { refused: { id: KnownErrorId; message: string } };

export async function readDraft(job: ImportJob): Promise<ImportOutcome> {
  try {
    if ('text' in job) return { draft: presentDraft(readPastedText(job.text)) };
    const parts = await readDocxPackage(job.bytes);
    return { draft: presentDraft(readStructure(parts)) };
  } catch (error) {
    if (error instanceof HttpError) return { refused: { id: error.id, message: error.message } };
    // Not well-formed XML inside the package, or a part that is not what it claims.
    return { refused: { id: 'import_not_docx', message: 'This file is damaged or is not a Word document (.docx).' } };
  }
}

if (parentPort) lowerThreadPriority();

parentPort?.on('message', ({ id, job }: { id: number; job: ImportJob }) => {
  void readDraft(job).then((result) => parentPort!.postMessage({ id, result }));
});
