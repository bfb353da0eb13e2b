/**
 * One thread of the load generator (see loadGenerator.ts): holds a share of the simulated clients and does
 * what the main thread asks of them. Everything measured goes to shared memory (`Latencies`, `ClientStats`),
 * timed on the machine's monotonic clock, so the main thread reads it without messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  ClientStats,
  Latencies,
  SimClient,
  openAll,
  typeOnSchedule,
  type Endpoint,
  type LatencyBuffers,
  type StatsBuffers,
} from './collabLoad.js';

export interface WorkerClient {
  index: number;
  endpoint: Endpoint;
  cookie?: string;
  /** Set for typists: their number. */
  typist?: number;
}

export interface WorkerData {
  clients: WorkerClient[];
  total: number;
  typists: number;
  perTypist: number;
  untimed: number;
  latency: LatencyBuffers;
  stats: StatsBuffers;
  /** Handshakes this thread keeps in flight while opening. */
  parallel: number;
}

export type Command =
  | { type: 'open' }
  /** Each typist types `keys` keys, one every 1000 / keysPerSecond ms from its phase, into its clause. */
  | { type: 'type'; clauses: string[]; keysPerSecond: number; keys: number; phases: number[] }
  /** Every client sends a cursor now, then one a second from a random offset, until 'still'. */
  | { type: 'cursors' }
  | { type: 'still' }
  | { type: 'close' };

export type Reply = { type: 'done'; command: Command['type'] } | { type: 'failed'; message: string };

const data = workerData as WorkerData;
const latencies = new Latencies(data.total, data.typists, data.perTypist, data.untimed, data.latency);
const stats = new ClientStats(data.total, data.stats);
const clients = data.clients.map((c) => new SimClient(c.index, c.endpoint, c.cookie, latencies, stats, c.typist));
let stopCursors: (() => void) | undefined;

function cursors(): () => void {
  const ids = clients.map(() => Math.floor(Math.random() * 0xfffffff) + 1000);
  const clocks = clients.map(() => 0);
  clients.forEach((c, i) => c.moveCursor(ids[i]!, ++clocks[i]!, 10));
  const timers = clients.map((c, i) => {
    let interval: NodeJS.Timeout | undefined;
    const start = setTimeout(() => {
      interval = setInterval(() => c.moveCursor(ids[i]!, ++clocks[i]!, 10 + (clocks[i]! % 200)), 1000);
    }, Math.random() * 1000);
    return () => {
      clearTimeout(start);
      clearInterval(interval);
    };
  });
  return () => timers.forEach((stop) => stop());
}

async function run(command: Command): Promise<void> {
  switch (command.type) {
    case 'open':
      return openAll(clients, data.parallel);
    case 'type':
      return typeOnSchedule(
        clients.filter((c) => c.typist !== undefined),
        (typist) => command.clauses[typist]!,
        command.keysPerSecond,
        command.keys,
        command.phases,
      );
    case 'cursors':
      stopCursors = cursors();
      return;
    case 'still':
      stopCursors?.();
      stopCursors = undefined;
      return;
    case 'close':
      for (const c of clients) c.close();
      return;
  }
}

parentPort!.on('message', (command: Command) => {
  run(command).then(
    () => parentPort!.postMessage({ type: 'done', command: command.type } satisfies Reply),
    (error: unknown) =>
      parentPort!.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies Reply),
  );
});
