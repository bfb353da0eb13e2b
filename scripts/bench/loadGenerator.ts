/**
 * The collab benchmark's load generator: simulated clients (collabLoad.ts) spread over worker threads. The
 * typists have a thread of their own, so that their keystrokes keep their own rhythm: on the thread that
 * reads 1,200 broadcasts, a keystroke falls due while the thread is busy and goes out late, together with
 * the others due meanwhile, right after every broadcast, which real typists on their own machines do not
 * do. The other clients are split over `receivers` threads, so that reading a broadcast is not one thread's
 * queue. Measurements are kept in shared memory and read here.
 */
import { Worker } from 'node:worker_threads';
import { ClientStats, Latencies, type Endpoint } from './collabLoad.js';
import type { Command, Reply, WorkerClient, WorkerData } from './loadWorker.js';

export interface LoadPlan {
  clients: number;
  /** Clients 0..typists-1 type; the others only read. */
  typists: number;
  /** Keystrokes each typist may send that are timed. */
  keysPerTypist: number;
  /** Keystrokes each typist sends first as a warm-up, not timed. Default 0. */
  untimed?: number;
  endpoint: (client: number) => Endpoint;
  cookie: (client: number) => string | undefined;
  /** Threads for the clients that only read. Default 2. */
  receivers?: number;
}

const WORKER = new URL('./loadWorker.ts', import.meta.url).href;

/** A worker thread running loadWorker.ts through tsx, as the benchmark itself runs. */
function spawn(data: WorkerData): Worker {
  const source = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(source, { eval: true, workerData: data });
}

export class LoadGenerator {
  readonly latencies: Latencies;
  readonly stats: ClientStats;
  private readonly workers: Worker[] = [];
  /** The thread of the typists: the first worker. */
  private readonly typing: Worker;

  constructor(plan: LoadPlan) {
    this.latencies = new Latencies(plan.clients, plan.typists, plan.keysPerTypist, plan.untimed ?? 0);
    this.stats = new ClientStats(plan.clients);
    const client = (index: number): WorkerClient => ({
      index,
      endpoint: plan.endpoint(index),
      cookie: plan.cookie(index),
      typist: index < plan.typists ? index : undefined,
    });
    const groups: WorkerClient[][] = [Array.from({ length: plan.typists }, (_, i) => client(i))];
    const receivers = Math.max(1, plan.receivers ?? 2);
    for (let w = 0; w < receivers; w++) groups.push([]);
    for (let i = plan.typists; i < plan.clients; i++) groups[1 + ((i - plan.typists) % receivers)]!.push(client(i));
    for (const clients of groups) {
      this.workers.push(
        spawn({
          clients,
          total: plan.clients,
          typists: plan.typists,
          perTypist: plan.keysPerTypist,
          untimed: plan.untimed ?? 0,
          latency: this.latencies.buffers,
          stats: this.stats.buffers,
          // At most ~200 handshakes in flight in all (a burst of 1,200 SYNs would overflow the accept backlog).
          parallel: Math.max(1, Math.floor(200 / groups.length)),
        }),
      );
    }
    this.typing = this.workers[0]!;
  }

  private ask(worker: Worker, command: Command): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        worker.off('error', onError);
        worker.off('message', onMessage);
        if (reply.type === 'done') resolve();
        else reject(new Error(`load generator: ${command.type}: ${reply.message}`));
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(command);
    });
  }

  private all(command: Command): Promise<void> {
    return Promise.all(this.workers.map((w) => this.ask(w, command))).then(() => undefined);
  }

  /** Opens every client (their sync follows: see `stats.syncedAt`). */
  open(): Promise<void> {
    return this.all({ type: 'open' });
  }

  /** The typists type; resolves once every key is sent. `clauses[t]` is typist t's clause, `phases` as in `typeOnSchedule`. */
  type(clauses: string[], keysPerSecond: number, keys: number, phases: number[]): Promise<void> {
    return this.ask(this.typing, { type: 'type', clauses, keysPerSecond, keys, phases });
  }

  /** Every client starts moving a cursor once a second (presence), until `still`. */
  cursors(): Promise<void> {
    return this.all({ type: 'cursors' });
  }

  still(): Promise<void> {
    return this.all({ type: 'still' });
  }

  /** Closes every client and ends the threads. */
  async close(): Promise<void> {
    await this.all({ type: 'close' }).catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
