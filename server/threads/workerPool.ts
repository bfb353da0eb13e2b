import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * A few worker threads (`node:worker_threads`) running one module, each one job at a time, with a queue in
 * front: work that would hold the event loop for seconds (a PDF of a long declaration) runs beside it, and
 * 1,200 people's keystrokes keep flowing. Workers start on first use, stay for the next job, do not keep the
 * process alive while idle, and leave after `idleMs` without work. A job that takes longer than `timeoutMs`
 * ends its worker and fails; so does a job whose worker crashes. The next job starts a fresh one.
 *
 * The queue is fair: each job waits in a lane (a person, say), and a free worker takes the oldest job of the
 * lane served longest ago (a lane not served yet first), so one lane's backlog does not hold another's single
 * job for minutes.
 *
 * The module receives `{ id, job }` messages and answers `{ id, result }` or `{ id, error }`; see
 * `renderWorker.ts`. Run from TypeScript sources (tsx, the test runner), the worker registers tsx first.
 */
export interface WorkerPoolOptions<Job = unknown> {
  /** The worker's module (a `.ts` file from sources, `.js` once compiled). */
  module: URL;
  /** Workers at most. Default 1. */
  size?: number;
  /** A worker without work for this long ends, in ms. Default 5 minutes. */
  idleMs?: number;
  /** A job running longer than this fails and its worker ends, in ms. Default 2 minutes. */
  timeoutMs?: number;
  /** What of a job is handed over rather than copied (for jobs built when they start, see `run`). */
  transferOf?: (job: Job) => readonly TransferListItem[];
}

/** Thrown when a job ran past `timeoutMs`. */
export class JobTimeoutError extends Error {}

/** How `run` queues a job. */
export interface RunOptions {
  /** The lane the job waits in; lanes take turns for free workers. Default: one lane for all. */
  lane?: string;
  /** Buffers handed over rather than copied. */
  transfer?: readonly TransferListItem[];
}

interface Slot<Job, Result> {
  lane: string;
  job: Job | (() => Job);
  transfer: readonly TransferListItem[];
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface Running<Job, Result> {
  worker: Worker;
  slot?: Slot<Job, Result> & { id: number; timer: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
}

export class WorkerPool<Job, Result> {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly workers = new Set<Running<Job, Result>>();
  /** Waiting jobs by lane, lanes in the order their backlog began. */
  private readonly lanes = new Map<string, Slot<Job, Result>[]>();
  /** The turn at which each lane last had a job started, kept while it has jobs waiting or running. */
  private readonly served = new Map<string, number>();
  private turn = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions<Job>) {
    this.size = Math.max(1, options.size ?? 1);
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 2 * 60_000;
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  /** Jobs being worked on. */
  get busy(): number {
    let n = 0;
    for (const running of this.workers) if (running.slot) n += 1;
    return n;
  }

  /**
   * Runs `job` on a worker when one is free and its lane's turn has come. A function is called for the job
   * only then, so what is sent is what holds when the work starts (and a costly job is built once it runs).
   */
  run(job: Job | (() => Job), options: RunOptions = {}): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise<Result>((resolve, reject) => {
      const lane = options.lane ?? '';
      const waiting = this.lanes.get(lane) ?? [];
      waiting.push({ lane, job, transfer: options.transfer ?? [], resolve, reject });
      this.lanes.set(lane, waiting);
      this.dispatch();
    });
  }

  /** Ends every worker; jobs queued or under way fail. */
  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...this.lanes.values()].flat();
    this.lanes.clear();
    for (const slot of waiting) slot.reject(new Error('The worker pool is closed.'));
    await Promise.all(
      [...this.workers].map((running) => this.retire(running, new Error('The worker pool is closed.'))),
    );
  }

  private dispatch(): void {
    while (this.lanes.size > 0) {
      let running = [...this.workers].find((w) => !w.slot);
      if (!running) {
        if (this.workers.size >= this.size) return;
        running = this.spawn();
      }
      this.start(running, this.nextSlot());
    }
  }

  /** The oldest job of the lane served longest ago (never served first, then the oldest backlog). */
  private nextSlot(): Slot<Job, Result> {
    let next = '';
    let nextTurn = Infinity;
    for (const lane of this.lanes.keys()) {
      const turn = this.served.get(lane) ?? -1;
      if (turn < nextTurn) [next, nextTurn] = [lane, turn];
    }
    const waiting = this.lanes.get(next)!;
    const slot = waiting.shift()!;
    if (waiting.length === 0) this.lanes.delete(next);
    this.served.set(next, this.turn++);
    return slot;
  }

  /** Forgets when a lane was served once it has nothing waiting or running. */
  private settled(lane: string): void {
    if (this.lanes.has(lane)) return;
    for (const running of this.workers) if (running.slot?.lane === lane) return;
    this.served.delete(lane);
  }

  private start(running: Running<Job, Result>, slot: Slot<Job, Result>): void {
    clearTimeout(running.idleTimer);
    let job: Job;
    try {
      job = typeof slot.job === 'function' ? (slot.job as () => Job)() : slot.job;
    } catch (error) {
      slot.reject(error instanceof Error ? error : new Error(String(error)));
      this.settled(slot.lane);
      this.idle(running);
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(
      () =>
        void this.retire(
          running,
          new JobTimeoutError(`The job took longer than ${Math.round(this.timeoutMs / 1000)} s.`),
        ),
      this.timeoutMs,
    );
    running.slot = { ...slot, id, timer };
    // Held while it works, so whoever awaits the job is not left behind by an exiting process.
    running.worker.ref();
    const transfer = [...slot.transfer, ...(this.options.transferOf?.(job) ?? [])];
    running.worker.postMessage({ id, job }, transfer as TransferListItem[]);
  }

  private spawn(): Running<Job, Result> {
    const worker = newWorker(this.options.module);
    const running: Running<Job, Result> = { worker };
    worker.on('message', (reply: { id: number; result?: Result; error?: string }) => {
      const slot = running.slot;
      if (!slot || slot.id !== reply.id) return;
      clearTimeout(slot.timer);
      running.slot = undefined;
      if (reply.error !== undefined) slot.reject(new Error(reply.error));
      else slot.resolve(reply.result as Result);
      this.settled(slot.lane);
      this.idle(running);
      this.dispatch();
    });
    worker.on('error', (error) => void this.retire(running, error));
    worker.on('exit', (code) => void this.retire(running, new Error(`The worker stopped (exit code ${code}).`)));
    this.workers.add(running);
    return running;
  }

  private idle(running: Running<Job, Result>): void {
    running.worker.unref();
    clearTimeout(running.idleTimer);
    running.idleTimer = setTimeout(() => void this.retire(running, new Error('idle')), this.idleMs);
    running.idleTimer.unref();
  }

  /** Ends a worker; its job, if any, fails with `error`, and queued jobs go to the others (or a new one). */
  private async retire(running: Running<Job, Result>, error: Error): Promise<void> {
    if (!this.workers.delete(running)) return;
    clearTimeout(running.idleTimer);
    const slot = running.slot;
    running.slot = undefined;
    if (slot) {
      clearTimeout(slot.timer);
      slot.reject(error);
      this.settled(slot.lane);
    }
    await running.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

/**
 * A worker for `module`. A compiled `.js` module runs as it is; a `.ts` source runs under tsx, registered by
 * a small bootstrap (a worker does not inherit the loader the main thread was started with).
 */
function newWorker(module: URL): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
}
