import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  /** Appends one update; returns its sequence number. Call inside a transaction to group several. */
  async append(documentId: string, data: Uint8Array, author: UpdateAuthor): Promise<number> {
    const row = await this.sql.get<{ seq: number }>(
      'INSERT INTO doc_updates (document_id, data, user_id, delegation, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq',
      [documentId, data, author.userId, author.delegation, now()],
    );
    return row!.seq;
  }

  /** Updates after `seq`, oldest first (all of them for seq 0). */
  since(documentId: string, seq: number): Promise<UpdateRow[]> {
    return this.sql.all<UpdateRow>('SELECT * FROM doc_updates WHERE document_id = ? AND seq > ? ORDER BY seq', [
      documentId,
      seq,
    ]);
  }

  async countSince(documentId: string, seq: number): Promise<number> {
    return (await this.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE document_id = ? AND seq > ?',
      [documentId, seq],
    ))!.n;
  }

  snapshot(documentId: string): Promise<SnapshotRow | undefined> {
    return this.sql.get<SnapshotRow>('SELECT * FROM doc_snapshots WHERE document_id = ?', [documentId]);
  }

  /**
   * Stores the merged state through `throughSeq`. Updates stay in the log (they carry attribution); loading
   * starts from the snapshot and replays only what came after. A snapshot that reaches as far or further
   * (another compaction finished first) is kept.
   */
  async putSnapshot(documentId: string, data: Uint8Array, throughSeq: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO doc_snapshots (document_id, data, through_seq, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq, created_at = excluded.created_at
       WHERE doc_snapshots.through_seq < excluded.through_seq`,
      [documentId, data, throughSeq, now()],
    );
  }
}
