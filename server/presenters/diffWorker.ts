/**
 * Word diffs on a thread of their own (see `diffCache.ts`): an amendment at the clause limit is a diff of
 * 20,000 characters against 20,000, 5–15 ms of a core, and ten proposed at once held the event loop that
 * carries everyone's keystrokes for turn after turn. Only the diff runs here; the cache stays with the server.
 */
import { parentPort } from 'node:worker_threads';
import { boundedWordDiff } from '../../shared/domain/wordDiff.js';

/** The two texts to diff. */
export interface DiffJob {
  before: string;
  after: string;
}

parentPort?.on('message', ({ id, job }: { id: number; job: DiffJob }) => {
  try {
    parentPort!.postMessage({ id, result: boundedWordDiff(job.before, job.after) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
