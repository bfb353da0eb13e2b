import type { DB } from '../connection.js';
import type { EndorsementKind } from '../../../shared/api/votes.js';
import { now } from '../ids.js';

export interface EndorsementRow {
  document_id: string;
  delegation: string;
  kind: EndorsementKind;
  statement: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** Endorsements of an adopted text: one per delegation, the latest replacing the earlier. */
export class Endorsements {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly forDocumentStmt;

  constructor(db: DB) {
    this.upsertStmt = db.prepare(
      `INSERT INTO endorsements (document_id, delegation, kind, statement, recorded_by, recorded_at)
       VALUES (@documentId, @delegation, @kind, @statement, @recordedBy, @at)
       ON CONFLICT (document_id, delegation) DO UPDATE SET
         kind = excluded.kind, statement = excluded.statement,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    );
    this.getStmt = db.prepare<[string, string], EndorsementRow>('SELECT * FROM endorsements WHERE document_id = ? AND delegation = ?');
    this.forDocumentStmt = db.prepare<[string], EndorsementRow>('SELECT * FROM endorsements WHERE document_id = ? ORDER BY delegation');
  }

  get(documentId: string, delegation: string): EndorsementRow | undefined {
    return this.getStmt.get(documentId, delegation);
  }

  record(e: { documentId: string; delegation: string; kind: EndorsementKind; statement: string | null; recordedBy: string }): EndorsementRow {
    this.upsertStmt.run({ ...e, at: now() });
    return this.get(e.documentId, e.delegation)!;
  }

  /** The running list, by delegation code. */
  forDocument(documentId: string): EndorsementRow[] {
    return this.forDocumentStmt.all(documentId);
  }
}
