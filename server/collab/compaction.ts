import type { Logger } from '../context.js';
import type { Store } from '../db/store.js';
import { Folder } from './fold.js';

/**
 * Folds a document's update log into a snapshot so loading stays fast: in the background once enough updates
 * piled up since the last one, and on demand (an idle document before it is unloaded). A failure is logged
 * with the document's id; the log stays as it was, and the next compaction folds it.
 */
export class Compaction {
  private readonly running = new Set<string>();
  private readonly folder = new Folder();
  /** Set by `close`: a fold it cuts short is no failure to report. */
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: {
      /** Stored updates since the snapshot after which a background compaction is due. */
      every: number;
      /** A snapshot now holds `rows` more of the document's stored updates. */
      folded(documentId: string, rows: number): void;
    },
  ) {}

  /** Schedules a compaction outside the current turn when `sinceSnapshot` reached the threshold. */
  dueAfter(documentId: string, sinceSnapshot: number): void {
    if (sinceSnapshot < this.options.every || this.running.has(documentId)) return;
    this.running.add(documentId);
    setTimeout(() => {
      this.run(documentId)
        .catch(() => undefined) // logged by run()
        .finally(() => this.running.delete(documentId));
    }, 50).unref();
  }

  /** Compacts now; rejects (after logging it) when the compaction fails. */
  async run(documentId: string): Promise<void> {
    try {
      const rows = await this.fold(documentId);
      if (rows > 0) this.options.folded(documentId, rows);
    } catch (error) {
      if (!this.closed)
        this.log.error(`collab: compacting ${documentId} failed; its log is kept and folded next time`, error);
      throw error;
    }
  }

  /** Ends the worker thread (a compaction under way fails: its log stays as it was). */
  close(): Promise<void> {
    this.closed = true;
    return this.folder.close();
  }

  /**
   * The snapshot is rebuilt from what is stored (the previous snapshot and the rows after it), not from
   * memory: in a cluster another node's updates may still be on their way to this node's memory, and a
   * snapshot must not claim rows it does not hold. The fold runs on a worker thread, so keystrokes keep
   * flowing meanwhile; updates stored during it stay after the snapshot, and a snapshot never replaces one
   * that reaches further. The log itself is kept: it carries who wrote what. Returns the rows folded.
   */
  private async fold(documentId: string): Promise<number> {
    const { snapshot, rows } = await this.store.transaction(async () => {
      const snapshot = await this.store.docUpdates.snapshot(documentId);
      return { snapshot, rows: await this.store.docUpdates.since(documentId, snapshot?.through_seq ?? 0) };
    });
    if (rows.length === 0) return 0;
    const state = await this.folder.fold([...(snapshot ? [snapshot.data] : []), ...rows.map((row) => row.data)]);
    await this.store.transaction(() =>
      this.store.docUpdates.putSnapshot(documentId, state, rows[rows.length - 1]!.seq),
    );
    return rows.length;
  }
}
