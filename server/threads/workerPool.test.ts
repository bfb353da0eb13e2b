import { afterEach, describe, expect, it } from 'vitest';
import { JobTimeoutError, WorkerPool } from './workerPool.js';

type Job = { do: 'echo' | 'fail' | 'hang' | 'die'; value?: unknown };
const pools: WorkerPool<Job, { value: unknown }>[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});
function pool(
  options: { size?: number; timeoutMs?: number; transferOf?: (job: Job) => ArrayBuffer[] } = {},
): WorkerPool<Job, { value: unknown }> {
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

  it('serves lanes in turn: the backlog of one lane does not hold the job of another', async () => {
    const workers = pool({ size: 1 });
    const done: string[] = [];
    const ask = (lane: string, value: string): Promise<unknown> =>
      workers.run({ do: 'echo', value }, { lane }).then(() => done.push(value));
    // The first of a's starts at once; a's backlog then waits behind b's one job.
    await Promise.all([ask('a', 'a1'), ask('a', 'a2'), ask('a', 'a3'), ask('a', 'a4'), ask('b', 'b1')]);
    expect(done).toEqual(['a1', 'b1', 'a2', 'a3', 'a4']);
    // Lanes that have never been served take turns with one that has, oldest backlog first.
    done.length = 0;
    await Promise.all([ask('c', 'c1'), ask('c', 'c2'), ask('d', 'd1'), ask('e', 'e1'), ask('d', 'd2')]);
    expect(done).toEqual(['c1', 'd1', 'e1', 'c2', 'd2']);
  });

  it('builds a job given as a function when a worker takes it, not when it is queued', async () => {
    const workers = pool({ size: 1 });
    let value = 'queued';
    const first = workers.run({ do: 'echo', value: 'first' });
    const later = workers.run(() => ({ do: 'echo', value }));
    value = 'current';
    await first;
    expect((await later).value).toBe('current');
    await expect(
      workers.run(() => {
        throw new Error('cannot build');
      }),
    ).rejects.toThrow('cannot build');
    expect((await workers.run({ do: 'echo', value: 'after' })).value).toBe('after');
  });

  it('hands over what transferOf names from a job built when it starts, rather than copying it', async () => {
    const workers = pool({
      transferOf: (job) => (job.value instanceof Uint8Array ? [job.value.buffer as ArrayBuffer] : []),
    });
    const bytes = new TextEncoder().encode('a declaration');
    const echoed = await workers.run(() => ({ do: 'echo', value: bytes }));
    expect(bytes.byteLength).toBe(0);
    expect(new TextDecoder().decode(echoed.value as Uint8Array)).toBe('a declaration');
  });
});
