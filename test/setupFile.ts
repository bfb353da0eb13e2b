import { afterAll } from 'vitest';
import { closeBusyExportQueues } from '../server/export/renderQueue.js';
import { closeBusyImportWorker } from '../server/import/importQueue.js';

/**
 * Run before each test file of the projects whose files share a worker process (vitest.config.ts): a
 * process-wide worker pool with work under way (a place held, a job queued, a worker left busy) ends with
 * the file, so none of it reaches the next; an idle one is kept with its workers, whose start (the TypeScript
 * loader, pdfkit, the fonts: seconds of CPU) each file that exports or imports would otherwise pay again.
 */
afterAll(async () => {
  await closeBusyExportQueues();
  await closeBusyImportWorker();
});
