/** A worker for `workerPool.test.ts`: answers, fails, hangs or dies as the job asks. */
import { parentPort } from 'node:worker_threads';

parentPort?.on(
  'message',
  ({ id, job }: { id: number; job: { do: 'echo' | 'fail' | 'hang' | 'die'; value?: unknown } }) => {
    if (job.do === 'echo') parentPort!.postMessage({ id, result: { value: job.value, thread: process.pid } });
    else if (job.do === 'fail') parentPort!.postMessage({ id, error: 'asked to fail' });
    else if (job.do === 'die') process.exit(3);
    else for (;;);
  },
);
