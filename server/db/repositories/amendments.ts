import type { DB } from '../connection.js';
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
}

/** Amendments and their co-sponsors (in order of joining). */
export class Amendments {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly forDocumentStmt;
  private readonly setStatusStmt;
  private readonly decideStmt;
  private readonly markAppliedStmt;
  private readonly addSponsorStmt;
  private readonly removeSponsorStmt;
  private readonly sponsorsStmt;
  private readonly sponsorsForDocumentStmt;
  private readonly clauseDocumentsStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      `INSERT INTO amendments (id, document_id, clause_id, kind, text, rationale, delegation, proposer_id, base_text, base_markup,
         created_at, updated_at)
       VALUES (@id, @documentId, @clauseId, @kind, @text, @rationale, @delegation, @proposerId, @baseText, @baseMarkup, @at, @at)`,
    );
    this.getStmt = db.prepare<[string], AmendmentRow>('SELECT * FROM amendments WHERE id = ?');
    this.forDocumentStmt = db.prepare<[string], AmendmentRow>('SELECT * FROM amendments WHERE document_id = ? ORDER BY seq');
    this.setStatusStmt = db.prepare('UPDATE amendments SET status = ?, updated_at = ? WHERE id = ?');
    this.decideStmt = db.prepare(
      `UPDATE amendments SET status = @status, decision_note = @note, decided_by = @decidedBy, decided_at = @at, updated_at = @at
       WHERE id = @id`,
    );
    this.markAppliedStmt = db.prepare('UPDATE amendments SET applied = 1, new_clause_id = ?, updated_at = ? WHERE id = ?');
    this.addSponsorStmt = db.prepare('INSERT INTO amendment_sponsors (amendment_id, delegation, user_id, joined_at) VALUES (?, ?, ?, ?)');
    this.removeSponsorStmt = db.prepare('DELETE FROM amendment_sponsors WHERE amendment_id = ? AND delegation = ?');
    this.sponsorsStmt = db.prepare<[string], SponsorRow>(
      'SELECT amendment_id, delegation, user_id, joined_at FROM amendment_sponsors WHERE amendment_id = ? ORDER BY seq',
    );
    this.sponsorsForDocumentStmt = db.prepare<[string], SponsorRow>(
      `SELECT s.amendment_id, s.delegation, s.user_id, s.joined_at FROM amendment_sponsors s
       JOIN amendments a ON a.id = s.amendment_id WHERE a.document_id = ? ORDER BY s.seq`,
    );
    this.clauseDocumentsStmt = db.prepare<[string], { document_id: string }>('SELECT document_id FROM clauses WHERE id = ?');
  }

  insert(a: NewAmendment): AmendmentRow {
    this.insertStmt.run({ ...a, at: now() });
    return this.get(a.id)!;
  }

  get(id: string): AmendmentRow | undefined {
    return this.getStmt.get(id);
  }

  forDocument(documentId: string): AmendmentRow[] {
    return this.forDocumentStmt.all(documentId);
  }

  setStatus(id: string, status: AmendmentStatus): void {
    this.setStatusStmt.run(status, now(), id);
  }

  /** Records a decision (secretariat's or a vote's) with who took it and an optional note. */
  decide(id: string, status: AmendmentStatus, decidedBy: string | null, note: string | null): void {
    this.decideStmt.run({ id, status, decidedBy, note, at: now() });
  }

  markApplied(id: string, newClauseId: string | null): void {
    this.markAppliedStmt.run(newClauseId, now(), id);
  }

  addSponsor(amendmentId: string, delegation: string, userId: string): void {
    this.addSponsorStmt.run(amendmentId, delegation, userId, now());
  }

  /** Returns true when the delegation was a co-sponsor. */
  removeSponsor(amendmentId: string, delegation: string): boolean {
    return this.removeSponsorStmt.run(amendmentId, delegation).changes > 0;
  }

  /** Co-sponsors in order of joining. */
  sponsors(amendmentId: string): SponsorRow[] {
    return this.sponsorsStmt.all(amendmentId);
  }

  /** Every co-sponsorship of a document's amendments, by amendment id, each list in order of joining. */
  sponsorsForDocument(documentId: string): Map<string, SponsorRow[]> {
    const out = new Map<string, SponsorRow[]>();
    for (const row of this.sponsorsForDocumentStmt.all(documentId)) {
      const list = out.get(row.amendment_id) ?? [];
      list.push(row);
      out.set(row.amendment_id, list);
    }
    return out;
  }

  /** The documents holding a clause with this id (clause ids are random, so at most one in practice). */
  documentsOfClause(clauseId: string): string[] {
    return this.clauseDocumentsStmt.all(clauseId).map((r) => r.document_id);
  }
}
