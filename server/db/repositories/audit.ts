import { createHash } from 'node:crypto';
import type { Sql } from '../sql.js';
import { canonicalJson } from '../../../shared/domain/canonicalJson.js';
import { now } from '../ids.js';

/** The hash the first entry chains from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  action: string;
  actorId: string | null;
  /** Who acted, readable in the log: username, and delegation if any ("kaz-head/KAZ"). */
  actor: string | null;
  documentId: string | null;
  /** What was acted upon: "clause:abc", "vote:xyz". */
  subject: string | null;
  payload: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** A row of `audit_log` as both engines return it. */
export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  actor_id: string | null;
  actor: string | null;
  document_id: string | null;
  subject: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export type ChainCheck =
  { intact: true; entries: number } | { intact: false; entries: number; brokenAt: number; reason: string };

/**
 * The hash-chained audit log. Each entry's hash is SHA-256 over the previous hash and the entry's
 * canonical JSON, so changing, removing or reordering any row breaks every link after it.
 */
export class AuditLog {
  constructor(private readonly sql: Sql) {}

  /**
   * Appends an entry. Call inside the transaction of the action it records, so both commit or neither; the
   * transaction's writer lock keeps a second append from reading the same last link.
   */
  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const last = await this.sql.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const entry = { ...input, seq, at: now(), prevHash };
    const hash = chainHash(entry);
    await this.sql.run(
      `INSERT INTO audit_log (seq, at, action, actor_id, actor, document_id, subject, payload, prev_hash, hash)
       VALUES (@seq, @at, @action, @actorId, @actor, @documentId, @subject, @payload, @prevHash, @hash)`,
      { ...entry, payload: canonicalJson(entry.payload), hash },
    );
    return { ...entry, hash };
  }

  async entries(): Promise<AuditEntry[]> {
    return (await this.sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq')).map(fromRow);
  }

  async forDocument(documentId: string, afterSeq = 0): Promise<AuditEntry[]> {
    return (
      await this.sql.all<AuditRow>('SELECT * FROM audit_log WHERE document_id = ? AND seq > ? ORDER BY seq', [
        documentId,
        afterSeq,
      ])
    ).map(fromRow);
  }

  /** Up to `limit` entries after `afterSeq`, in order: how a verifier walks a long chain in bounded memory. */
  async page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return (
      await this.sql.all<AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, limit])
    ).map(fromRow);
  }

  async get(seq: number): Promise<AuditEntry | undefined> {
    const row = await this.sql.get<AuditRow>('SELECT * FROM audit_log WHERE seq = ?', [seq]);
    return row && fromRow(row);
  }

  /** The last entry: the chain's head. */
  async head(): Promise<AuditEntry | undefined> {
    const row = await this.sql.get<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
    return row && fromRow(row);
  }

  /** The last entry with this action (the index on action and seq makes it one lookup). */
  async lastOf(action: string): Promise<AuditEntry | undefined> {
    const row = await this.sql.get<AuditRow>('SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1', [
      action,
    ]);
    return row && fromRow(row);
  }

  /** The first entry with this action after `seq`. */
  async firstOfAfter(action: string, seq: number): Promise<AuditEntry | undefined> {
    const row = await this.sql.get<AuditRow>(
      'SELECT * FROM audit_log WHERE action = ? AND seq > ? ORDER BY seq LIMIT 1',
      [action, seq],
    );
    return row && fromRow(row);
  }

  /** Every entry about one subject ("vote:abc"), in order. */
  async forSubject(subject: string): Promise<AuditEntry[]> {
    return (await this.sql.all<AuditRow>('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq', [subject])).map(
      fromRow,
    );
  }

  /** Recomputes the whole chain; reports the first broken link. */
  async verify(): Promise<ChainCheck> {
    let prev = GENESIS_HASH;
    let count = 0;
    for (const row of await this.sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq')) {
      count += 1;
      const entry = fromRow(row);
      if (entry.prevHash !== prev)
        return { intact: false, entries: count, brokenAt: entry.seq, reason: 'previous hash does not match' };
      if (chainHash(entry) !== entry.hash)
        return { intact: false, entries: count, brokenAt: entry.seq, reason: 'entry hash does not match its content' };
      prev = entry.hash;
    }
    return { intact: true, entries: count };
  }
}

/** SHA-256 (hex) over the previous hash and the entry's canonical JSON. */
export function chainHash(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { prevHash, hash: _ignored, ...body } = entry;
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(body)).digest('hex');
}

/** The entry a row of `audit_log` holds. */
export function fromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    action: row.action,
    actorId: row.actor_id,
    actor: row.actor,
    documentId: row.document_id,
    subject: row.subject,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
