import { afterAll } from 'vitest';
import { closeExportQueues } from '../server/export/renderQueue.js';
import { closeImportWorker } from '../server/import/importQueue.js';

/**
 * Run before each test file of the projects whose files share a worker process (vitest.config.ts): the
 * process-wide worker pools end with the file, as they did when each file had a process of its own, so no
 * file's exports or imports (counts, queued jobs, a worker left busy) reach the next.
 */
afterAll(async () => {
  await closeExportQueues();
  await closeImportWorker();
});
