import type { Actor } from '../../shared/domain/roles.js';
import type { FloorChange, FloorJson } from '../../shared/api/floor.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import type { FloorRequestRow } from '../db/repositories/floor.js';
import { HttpError } from '../http/errors.js';
import { presentFloor } from '../presenters/floor.js';
import { audit } from './audit.js';

/** A request of `documentId` by its id (404 `floor_request_not_found` otherwise, or if of another document). */
export async function loadFloorRequest(ctx: AppContext, documentId: string, id: string): Promise<FloorRequestRow> {
  const row = await ctx.store.floor.get(id);
  if (!row || row.document_id !== documentId) throw HttpError.of('floor_request_not_found');
  return row;
}

/** A request still waiting on the list (409 `floor_request_settled` once heard, skipped or withdrawn). */
export async function loadWaitingRequest(ctx: AppContext, documentId: string, id: string): Promise<FloorRequestRow> {
  const row = await loadFloorRequest(ctx, documentId, id);
  if (row.status !== 'waiting') throw HttpError.of('floor_request_settled');
  return row;
}

/** The request's own part of a ledger entry: whose, what kind, on what. */
export function requestPayload(row: FloorRequestRow): Record<string, unknown> {
  return {
    request: row.id,
    delegation: row.delegation,
    kind: row.kind,
    subject: row.subject_id ? `${row.subject_type}:${row.subject_id}` : row.subject_type,
  };
}

/**
 * Records a change of the floor: its ledger entry (`floor.<change>`), then the floor as it now stands to everyone
 * following the document once the transaction commits. Call last in the command's transaction; returns the floor.
 */
export async function recordFloorChange(
  ctx: AppContext,
  actor: Actor,
  doc: DocumentRow,
  change: FloorChange,
  payload: Record<string, unknown>,
): Promise<FloorJson> {
  const subject = typeof payload.request === 'string' ? `floor:${payload.request}` : `floor:${doc.id}`;
  await audit(ctx, actor, `floor.${change}`, { documentId: doc.id, subject, payload });
  const floor = await presentFloor(ctx, doc.id);
  ctx.events.emit({ document: doc.id }, 'floor:changed', { documentId: doc.id, change, by: actor.username, floor });
  return floor;
}
