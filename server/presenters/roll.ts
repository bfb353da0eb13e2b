import type { RollJson } from '../../shared/api/roll.js';
import type { AppContext } from '../context.js';
import type { RollRow } from '../db/repositories/rolls.js';

/** A roll with the delegations it records present, as the API shows it. */
export async function presentRoll(ctx: AppContext, row: RollRow): Promise<RollJson> {
  const entries = await ctx.store.rolls.entries(row.id);
  return {
    id: row.id,
    documentId: row.document_id,
    meeting: row.meeting,
    status: row.status,
    openedBy: row.opened_by_username,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    present: entries.map((e) => ({
      delegation: e.delegation,
      how: e.how,
      by: e.recorded_by_username,
      at: e.recorded_at,
    })),
  };
}
