import type { Sql } from '../sql.js';
import type { AmendmentKind, AmendmentStatus } from '../../../shared/api/amendments.js';
import { now } from '../ids.js';

export interface AmendmentRow {
  seq: number;
  id: string;
  document_id: string;
  clause_id: string;
  kind: AmendmentKind;
  /** Proposed text in the light markup; null for a deletion. */
  text: string | null;
  rationale: string;
  /** The proposing delegation. */
  delegation: string;
  proposer_id: string;
  /** Plain text of the clause when the amendment was written (what its diff is against). */
  base_text: string;
  base_markup: string;
  /** The words of an amendment on a span, as JSON `AmendmentSpan`; null for a whole-clause amendment. */
  span: string | null;
  status: AmendmentStatus;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** 1 once the change reached the live text. */
  applied: number;
  /** The clause an accepted `insert_after` created. */
  new_clause_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface SponsorRow {
  amendment_id: string;
  delegation: string;
  user_id: string;
  joined_at: string;
}

export interface NewAmendment {
  id: string;
  documentId: string;
  clauseId: string;
  kind: AmendmentKind;
  text: string | null;
  rationale: string;
  delegation: string;
  proposerId: string;
  baseText: string;
  baseMarkup: string;
  span?: string | null;
}

/** Amendments and their co-sponsors (in order of joining). */
export class Amendments {
  constructor(private readonly sql: Sql) {}

  async insert(a: NewAmendment): Promise<AmendmentRow> {
    await this.sql.run(
      `INSERT INTO amendments (id, document_id, clause_id, kind, text, rationale, delegation, proposer_id, base_text, base_markup,
         span, created_at, updated_at)
       VALUES (@id, @documentId, @clauseId, @kind, @text, @rationale, @delegation, @proposerId, @baseText, @baseMarkup,
         @span, @at, @at)`,
      { ...a, span: a.span ?? null, at: now() },
    );
    return (await this.get(a.id))!;
  }

  get(id: string): Promise<AmendmentRow | undefined> {
    return this.sql.get<AmendmentRow>('SELECT * FROM amendments WHERE id = ?', [id]);
  }

  forDocument(documentId: string): Promise<AmendmentRow[]> {
    return this.sql.all<AmendmentRow>('SELECT * FROM amendments WHERE document_id = ? ORDER BY seq', [documentId]);
  }

  /** The document's amendments still awaiting a decision (submitted, or put to a vote), in order. */
  undecided(documentId: string): Promise<AmendmentRow[]> {
    return this.sql.all<AmendmentRow>(
      `SELECT * FROM amendments WHERE document_id = ? AND status IN ('submitted', 'put_to_vote') ORDER BY seq`,
      [documentId],
    );
  }

  /** Every amendment of a clause moves to another (a merge); their base text stays what they were written against. */
  async moveToClause(documentId: string, from: string, to: string): Promise<void> {
    await this.sql.run('UPDATE amendments SET clause_id = ?, updated_at = ? WHERE document_id = ? AND clause_id = ?', [
      to,
      now(),
      documentId,
      from,
    ]);
  }

  /** An amendment on a span follows its words to another clause (a split or a merge). */
  async relocate(id: string, clauseId: string, span: string | null): Promise<void> {
    await this.sql.run('UPDATE amendments SET clause_id = ?, span = ?, updated_at = ? WHERE id = ?', [
      clauseId,
      span,
      now(),
      id,
    ]);
  }

  async setStatus(id: string, status: AmendmentStatus): Promise<void> {
    await this.sql.run('UPDATE amendments SET status = ?, updated_at = ? WHERE id = ?', [status, now(), id]);
  }

  /** Records a decision (secretariat's or a vote's) with who took it and an optional note. */
  async decide(id: string, status: AmendmentStatus, decidedBy: string | null, note: string | null): Promise<void> {
    await this.sql.run(
      `UPDATE amendments SET status = @status, decision_note = @note, decided_by = @decidedBy, decided_at = @at, updated_at = @at
       WHERE id = @id`,
      { id, status, decidedBy, note, at: now() },
    );
  }

  async markApplied(id: string, newClauseId: string | null): Promise<void> {
    await this.sql.run('UPDATE amendments SET applied = 1, new_clause_id = ?, updated_at = ? WHERE id = ?', [
      newClauseId,
      now(),
      id,
    ]);
  }

  async addSponsor(amendmentId: string, delegation: string, userId: string): Promise<void> {
    await this.sql.run(
      'INSERT INTO amendment_sponsors (amendment_id, delegation, user_id, joined_at) VALUES (?, ?, ?, ?)',
      [amendmentId, delegation, userId, now()],
    );
  }

  /** Returns true when the delegation was a co-sponsor. */
  async removeSponsor(amendmentId: string, delegation: string): Promise<boolean> {
    return (
      (
        await this.sql.run('DELETE FROM amendment_sponsors WHERE amendment_id = ? AND delegation = ?', [
          amendmentId,
          delegation,
        ])
      ).changes > 0
    );
  }

  /** Co-sponsors in order of joining. */
  sponsors(amendmentId: string): Promise<SponsorRow[]> {
    return this.sql.all<SponsorRow>(
      'SELECT amendment_id, delegation, user_id, joined_at FROM amendment_sponsors WHERE amendment_id = ? ORDER BY seq',
      [amendmentId],
    );
  }

  /** Every co-sponsorship of a document's amendments, by amendment id, each list in order of joining. */
  async sponsorsForDocument(documentId: string): Promise<Map<string, SponsorRow[]>> {
    const rows = await this.sql.all<SponsorRow>(
      `SELECT s.amendment_id, s.delegation, s.user_id, s.joined_at FROM amendment_sponsors s
       JOIN amendments a ON a.id = s.amendment_id WHERE a.document_id = ? ORDER BY s.seq`,
      [documentId],
    );
    const out = new Map<string, SponsorRow[]>();
    for (const row of rows) {
      const list = out.get(row.amendment_id) ?? [];
      list.push(row);
      out.set(row.amendment_id, list);
    }
    return out;
  }

  /** The documents holding a clause with this id (clause ids are random, so at most one in practice). */
  async documentsOfClause(clauseId: string): Promise<string[]> {
    return (
      await this.sql.all<{ document_id: string }>('SELECT document_id FROM clauses WHERE id = ? ORDER BY document_id', [
        clauseId,
      ])
    ).map((r) => r.document_id);
  }
}
