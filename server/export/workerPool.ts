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
 * The module receives `{ id, job }` messages and answers `{ id, result }` or `{ id, error }`; see
 * `renderWorker.ts`. Run from TypeScript sources (tsx, the test runner), the worker registers tsx first.
 */
export interface WorkerPoolOptions {
  /** The worker's module (a `.ts` file from sources, `.js` once compiled). */
  module: URL;
  /** Workers at most. Default 1. */
  size?: number;
  /** A worker without work for this long ends, in ms. Default 5 minutes. */
  idleMs?: number;
  /** A job running longer than this fails and its worker ends, in ms. Default 2 minutes. */
  timeoutMs?: number;
}

/** Thrown when a job ran past `timeoutMs`. */
export class JobTimeoutError extends Error {}

interface Slot<Job, Result> {
  job: Job;
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
  private readonly queue: Slot<Job, Result>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, options.size ?? 1);
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 2 * 60_000;
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Jobs being worked on. */
  get busy(): number {
    let n = 0;
    for (const running of this.workers) if (running.slot) n += 1;
    return n;
  }

  /** Runs `job` on a worker when one is free; `transfer` lists buffers handed over rather than copied. */
  run(job: Job, transfer: readonly TransferListItem[] = []): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; jobs queued or under way fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.queue.splice(0)) slot.reject(new Error('The worker pool is closed.'));
    await Promise.all(
      [...this.workers].map((running) => this.retire(running, new Error('The worker pool is closed.'))),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let running = [...this.workers].find((w) => !w.slot);
      if (!running) {
        if (this.workers.size >= this.size) return;
        running = this.spawn();
      }
      this.start(running, this.queue.shift()!);
    }
  }

  private start(running: Running<Job, Result>, slot: Slot<Job, Result>): void {
    clearTimeout(running.idleTimer);
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
    running.worker.postMessage({ id, job: slot.job }, slot.transfer as TransferListItem[]);
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
