import type { Actor } from '../../shared/domain/roles.js';
import type { FloorJson, FloorSettingsRequest } from '../../shared/api/floor.js';
import { moveOnList } from '../../shared/domain/floorOrder.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { loadDocument } from '../queries/documents.js';
import { loadWaitingRequest, recordFloorChange, requestPayload } from './floorChange.js';

/**
 * The chair's hand on the floor: grant, skip, end, order the list, close or reopen it and set the speaking
 * time. Each is one transaction, one ledger entry (`floor.<change>`) and one `floor:changed` event.
 */

/** Runs `fn` as the chair on the document, in one transaction holding the document's floor (`FloorStore.lock`). */
function asChair(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  fn: (chair: Actor, doc: DocumentRow) => Promise<FloorJson>,
): Promise<FloorJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'floor.manage', { stage: doc.stage });
    await ctx.store.floor.lock(doc.id, chair.userId);
    return fn(chair, doc);
  });
}

/**
 * Gives the floor to a waiting request, the first or any: whoever was speaking is done, and the speaker gets
 * the speaking time set now (kept with the request, so a later change does not move a running clock).
 */
export function grantFloor(ctx: AppContext, actor: Actor, documentId: string, requestId: string): Promise<FloorJson> {
  return asChair(ctx, actor, documentId, async (chair, doc) => {
    const row = await loadWaitingRequest(ctx, doc.id, requestId);
    const previous = await ctx.store.floor.speaking(doc.id);
    if (previous) await ctx.store.floor.settle(previous.id, 'done');
    const seconds = (await ctx.store.floor.settings(doc.id))?.speaking_time_seconds ?? null;
    await ctx.store.floor.grant(row.id, seconds);
    return recordFloorChange(ctx, chair, doc, 'granted', {
      ...requestPayload(row),
      speakingSeconds: seconds,
      previous: previous?.id ?? null,
    });
  });
}

/** Takes a waiting request off the list without hearing it. */
export function skipFloorRequest(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  requestId: string,
): Promise<FloorJson> {
  return asChair(ctx, actor, documentId, async (chair, doc) => {
    const row = await loadWaitingRequest(ctx, doc.id, requestId);
    await ctx.store.floor.settle(row.id, 'skipped');
    return recordFloorChange(ctx, chair, doc, 'skipped', requestPayload(row));
  });
}

/** The current speaker is done (409 `floor_nobody_speaking` when nobody has the floor). */
export function endSpeaker(ctx: AppContext, actor: Actor, documentId: string): Promise<FloorJson> {
  return asChair(ctx, actor, documentId, async (chair, doc) => {
    const current = await ctx.store.floor.speaking(doc.id);
    if (!current) throw HttpError.of('floor_nobody_speaking');
    await ctx.store.floor.settle(current.id, 'done');
    return recordFloorChange(ctx, chair, doc, 'ended', requestPayload(current));
  });
}

/** Moves a waiting request one place up or down the list (first up and last down stay where they are). */
export function moveFloorRequest(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  requestId: string,
  direction: 'up' | 'down',
): Promise<FloorJson> {
  return asChair(ctx, actor, documentId, async (chair, doc) => {
    const row = await loadWaitingRequest(ctx, doc.id, requestId);
    const waiting = await ctx.store.floor.waiting(doc.id);
    const order = moveOnList(waiting, row.id, direction).map((r) => r.id);
    await ctx.store.floor.reorder(order);
    return recordFloorChange(ctx, chair, doc, 'moved', { ...requestPayload(row), direction, order });
  });
}

/**
 * Closes or reopens the list of speakers and sets the speaking time (null: no limit). The change named in the
 * ledger and the event is the list's when it opened or closed, else the time's.
 */
export function setFloorSettings(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  body: FloorSettingsRequest,
): Promise<FloorJson> {
  return asChair(ctx, actor, documentId, async (chair, doc) => {
    const before = await ctx.store.floor.settings(doc.id);
    const wasOpen = before ? before.open === 1 : true;
    const open = body.open ?? wasOpen;
    const seconds =
      body.speakingTimeSeconds === undefined ? (before?.speaking_time_seconds ?? null) : body.speakingTimeSeconds;
    await ctx.store.floor.setSettings(doc.id, { open, seconds }, chair.userId);
    const change = open === wasOpen ? 'timed' : open ? 'reopened' : 'closed';
    return recordFloorChange(ctx, chair, doc, change, { open, speakingTimeSeconds: seconds });
  });
}
