import * as Y from 'yjs';
import type { Logger } from '../context.js';
import type { Store } from '../db/store.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';

/**
 * The default batch window (`RegistryOptions.batchWindow`): 0.025 ms per socket a broadcast is written to, at
 * most 20 ms. 800 sockets and more → 20 ms; 50 sockets → 1.25 ms; an empty room → every turn. With the
 * commit, the 1,200 writes and their reading, a keystroke's p99 to everyone stays under 50 ms on a 2-core
 * machine (docs/benchmarks.md); the benchmarks report against these numbers.
 */
export const BATCH_WINDOW = { perConnectionMs: 0.025, maxMs: 20 } as const;

/** The batch window for a fan-out, in ms, by `BATCH_WINDOW` (or other numbers, for tuning runs). */
export function fanOutWindow(
  perConnectionMs: number = BATCH_WINDOW.perConnectionMs,
  maxMs: number = BATCH_WINDOW.maxMs,
): (fanOut: number) => number {
  return (fanOut) => Math.min(maxMs, fanOut * perConnectionMs);
}

/** An update applied in memory and waiting for the group commit. */
export interface PendingWrite {
  documentId: string;
  update: Uint8Array;
  author: UpdateAuthor;
  /** Extra rows to store in the same transaction (e.g. the client id bindings the update introduced). */
  store?: () => Promise<void>;
}

/** What the group commit needs from the registry around it. */
export interface CommitTarget {
  /** The document's batch window now, in ms. */
  batchWindow(documentId: string): number;
  /** Stores one row, inside the commit's transaction; returns its sequence number. */
  record(documentId: string, update: Uint8Array, author: UpdateAuthor): Promise<number>;
  /** The commit failed or rolled back: the document's memory ran ahead of storage, drop it. */
  drop(documentId: string): void;
  /**
   * The document's updates of one commit (merged; `seq`: the last row) are durable: announce them. Returns
   * what resolves once their broadcast is written to every socket, or undefined when it already is.
   */
  announce(documentId: string, update: Uint8Array, seq: number): Promise<void> | undefined;
}

/**
 * Stores the updates sockets send, several per transaction: every update queued until the next commit (the
 * next event-loop turn, or the batch window after the update that opened the batch) is stored in one
 * transaction, one row per author run, then announced once per document. Each commit is one fsync and one
 * broadcast to every socket, so a busy document gathers several updates per commit. A commit that fails is
 * logged with its documents' ids and those documents are dropped: their sockets resync and resend what was
 * not stored.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** Group commits under way; `settled` waits for them. */
  private readonly commits = new Set<Promise<void>>();
  /** When the last group commit began, and when its announcement (the broadcast) ended. */
  private lastFlushAt = 0;
  private lastAnnouncedAt = Number.NEGATIVE_INFINITY;
  /**
   * True from an announcement until the event loop's next check phase: sockets read meanwhile (the poll
   * phase right after the broadcast) may have waited through that commit.
   */
  private afterAnnounce = false;
  /** While a broadcast holds the writer (`holdWhileWriting`): lets go of it for the next commit. */
  private holding: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly target: CommitTarget,
  ) {}

  /** Queues an update already applied in memory; the first of a batch schedules the commit. */
  add(write: PendingWrite): void {
    this.pending.push(write);
    if (this.timer !== undefined) return;
    const wait = this.batchWait(this.target.batchWindow(write.documentId));
    this.timer =
      wait > 1 ? setTimeout(() => void this.flushQuietly(), wait) : setImmediate(() => void this.flushQuietly());
  }

  /** True while accepted updates of the document wait for their commit. */
  hasPending(documentId: string): boolean {
    return this.pending.some((p) => p.documentId === documentId);
  }

  /** Commits what waits now; rejects when that commit fails (it is logged, its documents dropped). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    const batch = this.pending;
    if (batch.length === 0) return Promise.resolve();
    // Ahead of the queue, this commit is the next to take the writer: a broadcast still being written lets
    // go of it, and this commit's broadcast joins the one under way.
    this.holding?.();
    this.pending = [];
    this.lastFlushAt = performance.now();
    const commit = this.commit(batch);
    this.commits.add(commit);
    void commit.catch(() => undefined).finally(() => this.commits.delete(commit));
    return commit;
  }

  /** `flush`, for callers with nothing to do on failure: the failure is logged and the documents dropped. */
  async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch {
      // commit() logged it and dropped the documents of the failed batch; their sockets resync.
    }
  }

  /** Resolves once every group commit started so far has ended (committed or failed). */
  async settled(): Promise<void> {
    while (this.commits.size > 0) await Promise.allSettled([...this.commits]);
  }

  /**
   * How long the update opening a batch waits for its commit, in ms. After a quiet spell (no commit for two
   * windows), not at all. Else the window, counted from when the update may have arrived: one read in the turn
   * right after a commit's broadcast may have waited through that commit, so its window counts from the
   * commit's start. (Counting every window from the previous commit instead would commit every window while
   * updates keep coming, however few; counting from the first update of a batch commits every window plus
   * the gap to the next update, at the same longest wait.)
   */
  private batchWait(window: number): number {
    const now = performance.now();
    const sinceAnnounced = now - this.lastAnnouncedAt;
    if (sinceAnnounced >= 2 * window) return 0;
    const opened = this.afterAnnounce ? this.lastFlushAt : now;
    return opened + window - now;
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    const byDoc = new Map<string, PendingWrite[]>();
    for (const write of batch) {
      const list = byDoc.get(write.documentId);
      if (list) list.push(write);
      else byDoc.set(write.documentId, [write]);
    }
    let stored: { documentId: string; update: Uint8Array; seq: number }[];
    try {
      // Ahead of queued commands: the room's typing waits for this commit.
      stored = await this.store.transaction(() => this.storeAll(byDoc), { ahead: true });
    } catch (error) {
      this.failed(byDoc, 'failed', error);
      throw error;
    }
    // Inside a caller's transaction (a reader flushing first), the rows are durable only once it commits.
    this.store.onRollback(() => this.failed(byDoc, 'rolled back'));
    this.store.afterCommit(() => {
      const writing: Promise<void>[] = [];
      for (const { documentId, update, seq } of stored) {
        const written = this.target.announce(documentId, update, seq);
        if (written) writing.push(written);
      }
      this.lastAnnouncedAt = performance.now();
      if (!this.afterAnnounce) {
        this.afterAnnounce = true;
        setImmediate(() => (this.afterAnnounce = false));
      }
      if (writing.length) this.holdWhileWriting(Promise.all(writing));
    });
  }

  /**
   * A crowded room's broadcast is written over several turns of the event loop (`FanOut`). On SQLite a
   * command's transaction holds the loop from start to commit (better-sqlite3 is synchronous), and one admitted
   * between two slices of a broadcast — an amendment, the read of an export — would make the rest of the room
   * wait for it: the writer is held, ahead of the queue, until the broadcast is written. Reads outside a
   * transaction wait for it too, as they waited for a broadcast written in one turn. The next group commit
   * alone goes first (`flush` lets go of the hold): its broadcast joins the one under way, and holds the
   * writer in turn. On PostgreSQL a transaction holds no turn, and holding the lock would hold other nodes'
   * writers: nothing is held.
   */
  private holdWhileWriting(written: Promise<unknown>): void {
    if (this.store.sql.dialect !== 'sqlite') return;
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    this.holding = letGo;
    this.store
      .transaction(() => Promise.race([written, released]), { ahead: true })
      .catch((error: unknown) => {
        this.log.error('collab: holding the writer while a broadcast is written failed', error);
      })
      .finally(() => {
        if (this.holding === letGo) this.holding = undefined;
      });
  }

  /** Stores the batch, inside the commit's transaction: one row per run of one author's updates. */
  private async storeAll(
    byDoc: Map<string, PendingWrite[]>,
  ): Promise<{ documentId: string; update: Uint8Array; seq: number }[]> {
    const stored: { documentId: string; update: Uint8Array; seq: number }[] = [];
    for (const [documentId, writes] of byDoc) {
      let seq = 0;
      for (const run of runsByAuthor(writes)) {
        for (const write of run) await write.store?.();
        seq = await this.target.record(documentId, merged(run), run[0]!.author);
      }
      stored.push({ documentId, update: merged(writes), seq });
    }
    return stored;
  }

  private failed(byDoc: Map<string, PendingWrite[]>, what: string, error?: unknown): void {
    for (const [documentId, writes] of byDoc) {
      this.log.error(
        `collab: the group commit of ${writes.length} update(s) to ${documentId} ${what}; the document is reloaded, its sockets resync`,
        error,
      );
      this.target.drop(documentId);
    }
  }
}

/** One update holding every write's. */
function merged(writes: PendingWrite[]): Uint8Array {
  return writes.length === 1 ? writes[0]!.update : Y.mergeUpdates(writes.map((w) => w.update));
}

/** Consecutive writes by the same author, so each stored row keeps one author. */
function runsByAuthor(writes: PendingWrite[]): PendingWrite[][] {
  const runs: PendingWrite[][] = [];
  for (const write of writes) {
    const last = runs[runs.length - 1];
    const author = last?.[0]?.author;
    if (last && author!.userId === write.author.userId && author!.delegation === write.author.delegation)
      last.push(write);
    else runs.push([write]);
  }
  return runs;
}
