import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  async insert(c: NewComment): Promise<CommentRow> {
    await this.sql.run(
      `INSERT INTO comments (id, document_id, clause_id, parent_id, author_id, author_delegation, body, mentions, anchor, created_at, updated_at)
       VALUES (@id, @documentId, @clauseId, @parentId, @authorId, @authorDelegation, @body, @mentions, @anchor, @at, @at)`,
      { ...c, mentions: JSON.stringify(c.mentions), anchor: c.anchor ? JSON.stringify(c.anchor) : null, at: now() },
    );
    return (await this.get(c.id))!;
  }

  get(id: string): Promise<CommentRow | undefined> {
    return this.sql.get<CommentRow>('SELECT * FROM comments WHERE id = ?', [id]);
  }

  /** One comment with its author. */
  withAuthor(id: string): Promise<CommentWithAuthor | undefined> {
    return this.sql.get<CommentWithAuthor>(
      'SELECT c.*, u.username, u.display_name, u.role FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?',
      [id],
    );
  }

  /** Every comment of a document with its author, oldest first. */
  forDocument(documentId: string): Promise<CommentWithAuthor[]> {
    return this.sql.all<CommentWithAuthor>(
      `SELECT c.*, u.username, u.display_name, u.role FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.document_id = ? ORDER BY c.seq`,
      [documentId],
    );
  }

  /** The comments of a clause with their stored anchors (a split or a merge moves them with their words). */
  anchorsOf(documentId: string, clauseId: string): Promise<{ id: string; anchor: string | null }[]> {
    return this.sql.all<{ id: string; anchor: string | null }>(
      'SELECT id, anchor FROM comments WHERE document_id = ? AND clause_id = ?',
      [documentId, clauseId],
    );
  }

  /** A comment moves to another clause of its document, its anchor rewritten there. */
  async relocate(id: string, clauseId: string, anchor: string | null): Promise<void> {
    await this.sql.run('UPDATE comments SET clause_id = ?, anchor = ? WHERE id = ?', [clauseId, anchor, id]);
  }

  async resolve(id: string, by: string): Promise<void> {
    const at = now();
    await this.setStatus({ id, status: 'resolved', by, at, now: at });
  }

  async reopen(id: string): Promise<void> {
    await this.setStatus({ id, status: 'open', by: null, at: null, now: now() });
  }

  /** Marks every comment on the clause so far as read by the user. */
  async markRead(userId: string, documentId: string, clauseId: string): Promise<void> {
    const last = await this.sql.get<{ seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM comments WHERE document_id = ? AND clause_id = ?',
      [documentId, clauseId],
    );
    // The marker only moves forward, even if two tabs report their reads out of order.
    await this.sql.run(
      `INSERT INTO comment_reads (user_id, document_id, clause_id, last_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, document_id, clause_id) DO UPDATE SET last_seq =
         CASE WHEN excluded.last_seq > comment_reads.last_seq THEN excluded.last_seq ELSE comment_reads.last_seq END`,
      [userId, documentId, clauseId, last?.seq ?? 0],
    );
  }

  /** Unread comments by others, per clause id. */
  async unread(userId: string, documentId: string): Promise<Record<string, number>> {
    // Everyone else's comments after my marker, per clause.
    const rows = await this.sql.all<{ clause_id: string; n: number }>(
      `SELECT c.clause_id, COUNT(*) AS n FROM comments c
       LEFT JOIN comment_reads r ON r.user_id = @userId AND r.document_id = c.document_id AND r.clause_id = c.clause_id
       WHERE c.document_id = @documentId AND c.author_id <> @userId AND c.seq > COALESCE(r.last_seq, 0)
       GROUP BY c.clause_id`,
      { userId, documentId },
    );
    const out: Record<string, number> = {};
    for (const row of rows) out[row.clause_id] = row.n;
    return out;
  }

  private async setStatus(p: {
    id: string;
    status: 'open' | 'resolved';
    by: string | null;
    at: string | null;
    now: string;
  }): Promise<void> {
    await this.sql.run(
      'UPDATE comments SET status = @status, resolved_by = @by, resolved_at = @at, updated_at = @now WHERE id = @id',
      p,
    );
  }
}
