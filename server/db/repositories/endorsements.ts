import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  get(documentId: string, delegation: string): Promise<EndorsementRow | undefined> {
    return this.sql.get<EndorsementRow>('SELECT * FROM endorsements WHERE document_id = ? AND delegation = ?', [
      documentId,
      delegation,
    ]);
  }

  async record(e: {
    documentId: string;
    delegation: string;
    kind: EndorsementKind;
    statement: string | null;
    recordedBy: string;
  }): Promise<EndorsementRow> {
    await this.sql.run(
      `INSERT INTO endorsements (document_id, delegation, kind, statement, recorded_by, recorded_at)
       VALUES (@documentId, @delegation, @kind, @statement, @recordedBy, @at)
       ON CONFLICT (document_id, delegation) DO UPDATE SET
         kind = excluded.kind, statement = excluded.statement,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      { ...e, at: now() },
    );
    return (await this.get(e.documentId, e.delegation))!;
  }

  /** The running list, by delegation code. */
  forDocument(documentId: string): Promise<EndorsementRow[]> {
    return this.sql.all<EndorsementRow>('SELECT * FROM endorsements WHERE document_id = ? ORDER BY delegation', [
      documentId,
    ]);
  }
}
