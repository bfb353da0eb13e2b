import type { SilenceJson } from '../../shared/api/silence.js';
import type { AppContext } from '../context.js';
import type { SilenceRow } from '../db/repositories/silences.js';

/** A silence procedure with the statements that broke it, as the API shows it. */
export async function presentSilence(ctx: AppContext, row: SilenceRow): Promise<SilenceJson> {
  const breaks = await ctx.store.silences.breaks(row.id);
  return {
    id: row.id,
    documentId: row.document_id,
    subject: row.subject,
    status: row.status,
    deadline: row.deadline,
    startedBy: row.started_by_username,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    breaks: breaks.map((b) => ({
      delegation: b.delegation,
      statement: b.statement,
      by: b.broken_by_username,
      at: b.broken_at,
    })),
  };
}
