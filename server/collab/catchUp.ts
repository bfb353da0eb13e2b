import type { Store } from '../db/store.js';
import type { LoadedDocs } from './loadedDocs.js';
import { wouldPark } from './parking.js';

/** What applying other nodes' rows needs from the registry around it. */
export interface CatchUpTarget {
  /** Announces what a row added to the document. */
  announce(documentId: string, update: Uint8Array, origin: unknown, seq: number): void;
  /** A row would leave something pending even in storage order: it is skipped (and reported). */
  parked(documentId: string): void;
}

/**
 * Rows other nodes stored, brought into this node's memory (cluster): relayed one by one as they are
 * committed, and, should a relay message be lost, found in the database by sequence number.
 */
export class CatchUp {
  constructor(
    private readonly store: Store,
    private readonly docs: LoadedDocs,
    private readonly target: CatchUpTarget,
  ) {}

  /**
   * Applies a row another node has stored (relayed) and announces what it added. Ignored when the document
   * is not in memory (it will be read from the database when needed) or already holds the row.
   */
  applyStored(documentId: string, seq: number, update: Uint8Array, origin: unknown): boolean {
    return this.applyRow(documentId, seq, update, origin, false);
  }

  /**
   * Reads the stored updates of a loaded document that it has not folded in yet (another node stored them
   * and their relay message was lost) and applies them. Cheap when nothing is missing: one query of
   * sequence numbers. Returns how many rows added something.
   */
  async catchUp(documentId: string, origin: unknown): Promise<number> {
    const loaded = this.docs.get(documentId);
    if (!loaded) return 0;
    const from = loaded.seq;
    const rows = await this.store.docUpdates.since(documentId, from);
    let missing = 0;
    for (const row of rows) {
      if (loaded.applied.has(row.seq)) continue;
      // Rows merged into one relayed message are not named in it: re-applying them adds nothing.
      if (this.applyRow(documentId, row.seq, row.data, origin, true)) missing += 1;
    }
    if (this.docs.get(documentId) === loaded && rows.length > 0) loaded.advanceTo(rows[rows.length - 1]!.seq);
    return missing;
  }

  /**
   * `inOrder`: every row stored before this one has been applied (catch-up). A relayed row may arrive ahead
   * of one whose message was lost; Yjs would park it, so it waits for the catch-up, which applies rows in the
   * order they were stored. A row that would park even then is dropped (and reported): nothing waits in
   * memory for a later update to integrate it.
   */
  private applyRow(documentId: string, seq: number, update: Uint8Array, origin: unknown, inOrder: boolean): boolean {
    const loaded = this.docs.get(documentId);
    if (!loaded || loaded.holds(seq)) return false;
    if (wouldPark(loaded.doc, update)) {
      if (!inOrder) return false;
      loaded.applied.add(seq);
      this.target.parked(documentId);
      return false;
    }
    const effective = loaded.apply(update, origin);
    loaded.applied.add(seq);
    loaded.sinceSnapshot += 1;
    if (effective) this.target.announce(documentId, effective, origin, seq);
    return effective !== null;
  }
}
