import { afterEach, describe, expect, it } from 'vitest';
import { JobTimeoutError, WorkerPool } from './workerPool.js';

type Job = { do: 'echo' | 'fail' | 'hang' | 'die'; value?: unknown };
const pools: WorkerPool<Job, { value: unknown }>[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});
function pool(options: { size?: number; timeoutMs?: number } = {}): WorkerPool<Job, { value: unknown }> {
  const made = new WorkerPool<Job, { value: unknown }>({
    module: new URL('./testWorker.ts', import.meta.url),
    ...options,
  });
  pools.push(made);
  return made;
}

describe('WorkerPool', () => {
  it('runs jobs on its workers, queueing what the workers cannot take yet', async () => {
    const workers = pool({ size: 2 });
    const answers = workers.run({ do: 'echo', value: 1 });
    const all = [answers, ...[2, 3, 4, 5].map((value) => workers.run({ do: 'echo', value }))];
    expect(workers.busy + workers.waiting).toBe(5);
    expect(workers.busy).toBeLessThanOrEqual(2);
    expect((await Promise.all(all)).map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails a job whose worker reports an error, and goes on', async () => {
    const workers = pool();
    await expect(workers.run({ do: 'fail' })).rejects.toThrow('asked to fail');
    expect((await workers.run({ do: 'echo', value: 'after' })).value).toBe('after');
  });

  it('fails a job whose worker dies, and starts a fresh worker for the next', async () => {
    const workers = pool();
    await expect(workers.run({ do: 'die' })).rejects.toThrow(/exit code 3/);
    expect((await workers.run({ do: 'echo', value: 'alive' })).value).toBe('alive');
  });

  it('stops a job that runs past its time, and the queue moves on', async () => {
    const workers = pool({ timeoutMs: 1500 });
    const hung = workers.run({ do: 'hang' });
    const next = workers.run({ do: 'echo', value: 'next' });
    await expect(hung).rejects.toBeInstanceOf(JobTimeoutError);
    expect((await next).value).toBe('next');
  });
});
