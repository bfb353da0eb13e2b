import { HttpError } from '../http/errors.js';
import { WorkerPool } from '../threads/workerPool.js';
import type { ImportedDraft } from './present.js';
import type { ImportJob, ImportOutcome } from './importWorker.js';

let pool: WorkerPool<ImportJob, ImportOutcome> | null = null;
const underWay = new Set<string>();

/**
 * Reads a Word file (or a pasted text) on the process's import worker (one thread, started on first use, gone when idle), one
 * import per person at a time (429 `rate_limited` for a second while the first is read). A refusal found in the
 * file (not a .docx, encrypted, too large) comes back as its HTTP error.
 */
export async function readWordDraft(user: string, job: ImportJob): Promise<ImportedDraft> {
  if (underWay.has(user)) {
    throw HttpError.of('rate_limited', 'Your earlier import is still being read; send the next when it is done.');
  }
  pool ??= new WorkerPool<ImportJob, ImportOutcome>({
    module: new URL(`./importWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
    size: 1,
    timeoutMs: 60_000,
  });
  underWay.add(user);
  try {
    const outcome = await pool.run(job, { lane: user });
    if ('refused' in outcome) throw HttpError.of(outcome.refused.id, outcome.refused.message);
    return outcome.draft;
  } finally {
    underWay.delete(user);
  }
}

/**
 * Ends the import worker and forgets the imports under way, so the next import starts a fresh worker: for a
 * process that runs one test file after another.
 */
export async function closeImportWorker(): Promise<void> {
  const closing = pool;
  pool = null;
  underWay.clear();
  await closing?.close();
}

/**
 * Ends the import worker only when an import is under way; an idle one is kept, warm, for the next test file
 * run in the process (a worker's start costs more than most files' imports; see `closeBusyExportQueues`).
 */
export async function closeBusyImportWorker(): Promise<void> {
  if (underWay.size === 0 && (pool === null || (pool.busy === 0 && pool.waiting === 0))) return;
  await closeImportWorker();
}
