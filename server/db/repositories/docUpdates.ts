import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface UpdateRow {
  seq: number;
  document_id: string;
  data: Buffer;
  user_id: string | null;
  delegation: string | null;
  created_at: string;
}

export interface SnapshotRow {
  document_id: string;
  data: Buffer;
  through_seq: number;
}

/** Who wrote an update: kept with every stored update for attribution ("who wrote what"). */
export interface UpdateAuthor {
  userId: string | null;
  delegation: string | null;
}

/** The Yjs update log and its compacted snapshots. */
export class DocUpdates {
  private readonly appendStmt;
  private readonly sinceStmt;
  private readonly snapshotStmt;
  private readonly putSnapshotStmt;
  private readonly countSinceStmt;

  constructor(db: DB) {
    this.appendStmt = db.prepare(
      'INSERT INTO doc_updates (document_id, data, user_id, delegation, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.sinceStmt = db.prepare<[string, number], UpdateRow>(
      'SELECT * FROM doc_updates WHERE document_id = ? AND seq > ? ORDER BY seq',
    );
    this.snapshotStmt = db.prepare<[string], SnapshotRow>('SELECT * FROM doc_snapshots WHERE document_id = ?');
    this.putSnapshotStmt = db.prepare(
      `INSERT INTO doc_snapshots (document_id, data, through_seq, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq, created_at = excluded.created_at`,
    );
    this.countSinceStmt = db.prepare<[string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE document_id = ? AND seq > ?',
    );
  }

  /** Appends one update; returns its sequence number. Call inside a transaction to group several. */
  append(documentId: string, data: Uint8Array, author: UpdateAuthor): number {
    return Number(this.appendStmt.run(documentId, Buffer.from(data), author.userId, author.delegation, now()).lastInsertRowid);
  }

  /** Updates after `seq`, oldest first (all of them for seq 0). */
  since(documentId: string, seq: number): UpdateRow[] {
    return this.sinceStmt.all(documentId, seq);
  }

  countSince(documentId: string, seq: number): number {
    return this.countSinceStmt.get(documentId, seq)!.n;
  }

  snapshot(documentId: string): SnapshotRow | undefined {
    return this.snapshotStmt.get(documentId);
  }

  /**
   * Stores the merged state through `throughSeq`. Updates stay in the log (they carry attribution); loading
   * starts from the snapshot and replays only what came after.
   */
  putSnapshot(documentId: string, data: Uint8Array, throughSeq: number): void {
    this.putSnapshotStmt.run(documentId, Buffer.from(data), throughSeq, now());
  }
}
