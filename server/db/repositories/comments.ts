import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface CommentRow {
  seq: number;
  id: string;
  document_id: string;
  clause_id: string;
  parent_id: string | null;
  author_id: string;
  author_delegation: string | null;
  body: string;
  /** JSON array of mentioned delegation codes. */
  mentions: string;
  /** JSON `{ start, end, quote }` or null. */
  anchor: string | null;
  status: 'open' | 'resolved';
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A comment row joined with its author, as lists present it. */
export interface CommentWithAuthor extends CommentRow {
  username: string;
  display_name: string;
  role: string;
}

export interface NewComment {
  id: string;
  documentId: string;
  clauseId: string;
  parentId: string | null;
  authorId: string;
  authorDelegation: string | null;
  body: string;
  mentions: string[];
  anchor: object | null;
}

/** Comment threads and per-person read markers (unread counts per clause). */
export class Comments {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly forDocumentStmt;
  private readonly setStatusStmt;
  private readonly markReadStmt;
  private readonly unreadStmt;
  private readonly lastSeqStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      `INSERT INTO comments (id, document_id, clause_id, parent_id, author_id, author_delegation, body, mentions, anchor, created_at, updated_at)
       VALUES (@id, @documentId, @clauseId, @parentId, @authorId, @authorDelegation, @body, @mentions, @anchor, @at, @at)`,
    );
    this.getStmt = db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?');
    this.forDocumentStmt = db.prepare<[string], CommentWithAuthor>(
      `SELECT c.*, u.username, u.display_name, u.role FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.document_id = ? ORDER BY c.seq`,
    );
    this.setStatusStmt = db.prepare(
      'UPDATE comments SET status = @status, resolved_by = @by, resolved_at = @at, updated_at = @now WHERE id = @id',
    );
    this.markReadStmt = db.prepare(
      `INSERT INTO comment_reads (user_id, document_id, clause_id, last_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, document_id, clause_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
    );
    // Everyone else's comments after my marker, per clause.
    this.unreadStmt = db.prepare<[string, string, string], { clause_id: string; n: number }>(
      `SELECT c.clause_id, COUNT(*) AS n FROM comments c
       LEFT JOIN comment_reads r ON r.user_id = ? AND r.document_id = c.document_id AND r.clause_id = c.clause_id
       WHERE c.document_id = ? AND c.author_id <> ? AND c.seq > COALESCE(r.last_seq, 0)
       GROUP BY c.clause_id`,
    );
    this.lastSeqStmt = db.prepare<[string, string], { seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM comments WHERE document_id = ? AND clause_id = ?',
    );
  }

  insert(c: NewComment): CommentRow {
    this.insertStmt.run({ ...c, mentions: JSON.stringify(c.mentions), anchor: c.anchor ? JSON.stringify(c.anchor) : null, at: now() });
    return this.get(c.id)!;
  }

  get(id: string): CommentRow | undefined {
    return this.getStmt.get(id);
  }

  /** Every comment of a document with its author, oldest first. */
  forDocument(documentId: string): CommentWithAuthor[] {
    return this.forDocumentStmt.all(documentId);
  }

  resolve(id: string, by: string): void {
    const at = now();
    this.setStatusStmt.run({ id, status: 'resolved', by, at, now: at });
  }

  reopen(id: string): void {
    this.setStatusStmt.run({ id, status: 'open', by: null, at: null, now: now() });
  }

  /** Marks every comment on the clause so far as read by the user. */
  markRead(userId: string, documentId: string, clauseId: string): void {
    const seq = this.lastSeqStmt.get(documentId, clauseId)?.seq ?? 0;
    this.markReadStmt.run(userId, documentId, clauseId, seq);
  }

  /** Unread comments by others, per clause id. */
  unread(userId: string, documentId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.unreadStmt.all(userId, documentId, userId)) out[row.clause_id] = row.n;
    return out;
  }
}
