/**
 * What the cluster benchmark measures of its keystrokes, apart from the processes: latency per pair (same node,
 * across nodes) and to everyone, the wait for late arrivals, and the load generator's own event loop.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Latencies } from './collabLoad.js';
import { sleep } from './benchTools.js';
import type { Spread } from './clusterReport.js';

/**
 * After the typing and its drain, while anything is still missing, how long to wait for progress: a backlog keeps draining, a lost
 * relay message is repaired by the nodes' periodic catch-up (every 5 s); at most LATE_MAX_MS in all.
 */
const LATE_IDLE_MS = 8000;
export const LATE_MAX_MS = 60_000;

/** The value at percentile `p` of `sorted`. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Waits until nothing is missing, or nothing more arrived for LATE_IDLE_MS, or LATE_MAX_MS passed. */
export async function drainLate(latencies: Latencies): Promise<void> {
  const start = Date.now();
  let left = latencies.missing();
  let progressAt = start;
  while (left > 0 && Date.now() - progressAt < LATE_IDLE_MS && Date.now() - start < LATE_MAX_MS) {
    await sleep(500);
    const now = latencies.missing();
    if (now < left) progressAt = Date.now();
    left = now;
  }
}

/** Latency of every pair, of pairs on the same node and across nodes, and per keystroke to everyone. */
export function latencySummary(
  latencies: Latencies,
  nodeOf: (client: number) => number,
): { pairs: Spread; same: Spread; cross: Spread; everyone: Spread; missing: number; expected: number } {
  const { count, clients } = latencies;
  const same = new Float64Array(count * clients);
  const cross = new Float64Array(count * clients);
  const everyone = new Float64Array(count);
  let nSame = 0;
  let nCross = 0;
  let lost = 0;
  let k = 0;
  for (const { slot, author } of latencies.keystrokes()) {
    let worst = 0;
    for (let r = 0; r < clients; r++) {
      if (r === author) continue;
      const v = latencies.latency(slot, r);
      if (Number.isNaN(v)) {
        lost++;
        continue;
      }
      if (nodeOf(r) === nodeOf(author)) same[nSame++] = v;
      else cross[nCross++] = v;
      if (v > worst) worst = v;
    }
    everyone[k++] = worst;
  }
  const all = new Float64Array(nSame + nCross);
  all.set(same.subarray(0, nSame));
  all.set(cross.subarray(0, nCross), nSame);
  const spread = (values: Float64Array): Spread => {
    values.sort();
    return { p50: percentile(values, 50), p99: percentile(values, 99) };
  };
  return {
    pairs: spread(all),
    same: spread(same.subarray(0, nSame)),
    cross: spread(cross.subarray(0, nCross)),
    everyone: spread(everyone),
    missing: lost,
    expected: count * (clients - 1),
  };
}

/** This process's event-loop delay while `work` runs (the load generator's own health), p50 and p99 in ms. */
export async function watchingLoop(work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const resolution = 5;
  const loop = monitorEventLoopDelay({ resolution });
  loop.enable();
  await work();
  loop.disable();
  // The histogram holds how long the sampling timer took to fire, its own interval included.
  return {
    p50: Math.max(0, loop.percentile(50) / 1e6 - resolution),
    p99: Math.max(0, loop.percentile(99) / 1e6 - resolution),
  };
}
