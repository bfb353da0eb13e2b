import type { FloorEntryJson, FloorJson, FloorSubject } from '../../shared/api/floor.js';
import type { AppContext } from '../context.js';
import type { FloorRequestRow } from '../db/repositories/floor.js';
import { now } from '../db/ids.js';

/** What a request is on: general, or a clause or an amendment of the document. */
function subjectOf(row: FloorRequestRow): FloorSubject {
  return row.subject_type === 'general' ? { type: 'general' } : { type: row.subject_type, id: row.subject_id! };
}

/** One request for the floor as the API shows it. */
export function presentFloorEntry(row: FloorRequestRow): FloorEntryJson {
  return {
    id: row.id,
    delegation: row.delegation,
    subject: subjectOf(row),
    kind: row.kind,
    requestedBy: row.requested_by_username,
    requestedAt: row.requested_at,
    grantedAt: row.granted_at,
    speakingSeconds: row.speaking_seconds,
  };
}

/** The floor of a document: who speaks, who waits in order, the chair's settings (the list is open by default). */
export async function presentFloor(ctx: AppContext, documentId: string): Promise<FloorJson> {
  const settings = await ctx.store.floor.settings(documentId);
  const current = await ctx.store.floor.speaking(documentId);
  const waiting = await ctx.store.floor.waiting(documentId);
  return {
    documentId,
    current: current ? presentFloorEntry(current) : null,
    queue: waiting.map(presentFloorEntry),
    open: settings ? settings.open === 1 : true,
    speakingTimeSeconds: settings?.speaking_time_seconds ?? null,
    now: now(),
  };
}
