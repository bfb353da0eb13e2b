import { createHash } from 'node:crypto';
import { boundedWordDiff, type BoundedDiff } from '../../shared/domain/wordDiff.js';
import { WorkerPool } from '../threads/workerPool.js';
import type { DiffJob } from './diffWorker.js';
import { SizedCache } from './sizedCache.js';

/** Computes a diff somewhere else than the event loop (the diff thread; tests give their own). */
export type DiffThread = (before: string, after: string) => Promise<BoundedDiff>;

/** How a `DiffCache` is sized and where it computes. */
export interface DiffCacheOptions {
  /** Characters of the texts diffed, all entries together. Default 8 million (about 16 MB). */
  maxChars?: number;
  /**
   * Texts shorter than this, both together, are diffed at once on the event loop, where a short diff costs
   * less than the trip to a thread. Default 4,000 characters.
   */
  threadMinChars?: number;
  /** Where longer texts are diffed. Default: the diff thread (`diffWorker.ts`). */
  thread?: DiffThread;
}

/**
 * Word diffs computed once per pair of texts, not once per reader: a room of a thousand listing the
 * amendments, and every amendment event, read the diff computed when the amendment was first presented (at
 * its proposal, or at the first read after its clause changed). Keyed by the SHA-256 of both texts; the least
 * recently used go first once the texts diffed pass `maxChars`. Each diff is bounded (`boundedWordDiff`), and
 * a long one is computed on the diff thread while the event loop goes on; two readers asking for the same
 * diff meanwhile share the one computation. Should the thread fail, the diff is computed here after all: a
 * presentation never fails for want of its thread.
 */
export class DiffCache {
  private readonly entries: SizedCache<{ value: BoundedDiff; chars: number }>;
  private readonly underWay = new Map<string, Promise<BoundedDiff>>();
  private readonly threadMinChars: number;
  private readonly thread: DiffThread;
  /** Diffs computed so far (misses), and how many of them on the thread, for tests and diagnostics. */
  computed = 0;
  threaded = 0;

  constructor(options: DiffCacheOptions = {}) {
    this.entries = new SizedCache(options.maxChars ?? 8_000_000, (entry) => entry.chars);
    this.threadMinChars = options.threadMinChars ?? 4_000;
    this.thread = options.thread ?? onDiffThread;
  }

  /** The diff from `before` to `after`: from the cache, computed here when short, else on the thread. */
  async diff(before: string, after: string): Promise<BoundedDiff> {
    const key = keyOf(before, after);
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    if (before.length + after.length < this.threadMinChars) {
      const value = this.keep(key, before, after, boundedWordDiff(before, after));
      // A listing that meets many new short diffs lets the event loop turn between them.
      await new Promise((resolve) => setImmediate(resolve));
      return value;
    }
    let running = this.underWay.get(key);
    if (!running) {
      running = this.thread(before, after)
        .then(
          (value) => {
            this.threaded += 1;
            return value;
          },
          () => boundedWordDiff(before, after),
        )
        .then((value) => this.keep(key, before, after, value))
        .finally(() => this.underWay.delete(key));
      this.underWay.set(key, running);
    }
    return running;
  }

  /** The diff from `before` to `after` if the cache holds it (`diff` computed it, and it was not let go since). */
  cached(before: string, after: string): BoundedDiff | undefined {
    return this.entries.get(keyOf(before, after))?.value;
  }

  private keep(key: string, before: string, after: string, value: BoundedDiff): BoundedDiff {
    this.computed += 1;
    this.entries.set(key, { value, chars: before.length + after.length });
    return value;
  }
}

function keyOf(before: string, after: string): string {
  return `${digest(before)}:${digest(after)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

let pool: WorkerPool<DiffJob, BoundedDiff> | undefined;

/**
 * The diff thread: one, at the process's priority (a proposer is waiting for the answer, and the diffs are
 * bounded to milliseconds), started on first use and gone after five idle minutes. A diff running past 10 s
 * means a starved machine: it is computed on the event loop instead.
 */
const onDiffThread: DiffThread = (before, after) => {
  pool ??= new WorkerPool<DiffJob, BoundedDiff>({
    module: new URL(`./diffWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
    size: 1,
    timeoutMs: 10_000,
  });
  return pool.run({ before, after });
};

/** The process's cache of word diffs (amendments, comparisons of revisions). */
export const wordDiffs = new DiffCache();
