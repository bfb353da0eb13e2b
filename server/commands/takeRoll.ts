import type { Actor } from '../../shared/domain/roles.js';
import type { RecordPresenceRequest, RollChanged, RollJson } from '../../shared/api/roll.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import type { RollRow } from '../db/repositories/rolls.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { loadDocument } from '../queries/documents.js';
import { registeredDelegations } from '../queries/votes.js';
import { presentRoll } from '../presenters/roll.js';
import { audit } from './audit.js';

/**
 * The roll of a meeting: the secretariat or the chair opens it, records delegations present (or takes one off),
 * and closes it; a head checks the delegation in while it is open. Each is one transaction, one ledger entry
 * (`roll.<change>`) and one `roll:changed` event with the roll whole.
 */

/** The document's open roll (404 `roll_not_found` when none is open). */
async function openRollOf(ctx: AppContext, doc: DocumentRow): Promise<RollRow> {
  const roll = await ctx.store.rolls.latest(doc.id);
  if (!roll || roll.status !== 'open') throw HttpError.of('roll_not_found');
  return roll;
}

async function record(
  ctx: AppContext,
  actor: Actor,
  doc: DocumentRow,
  rollId: string,
  change: RollChanged['change'],
  payload: Record<string, unknown> = {},
): Promise<RollJson> {
  await audit(ctx, actor, `roll.${change}`, { documentId: doc.id, subject: `roll:${rollId}`, payload });
  const roll = await presentRoll(ctx, (await ctx.store.rolls.latest(doc.id))!);
  ctx.events.emit({ document: doc.id }, 'roll:changed', { documentId: doc.id, change, by: actor.username, roll });
  return roll;
}

/** Opens the roll of a new meeting (409 `roll_open` while another is open). */
export async function openRoll(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  meeting: string | null,
): Promise<RollJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const taker = authorize(actor, 'roll.take', { stage: doc.stage });
    const id = newId();
    if (!(await ctx.store.rolls.open({ id, documentId: doc.id, meeting, by: taker.userId })))
      throw HttpError.of('roll_open');
    return record(ctx, taker, doc, id, 'opened', { meeting });
  });
}

/** Records a registered delegation present on the open roll, or takes it off (404 for an unknown delegation). */
export async function recordPresence(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  body: RecordPresenceRequest,
): Promise<RollJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const taker = authorize(actor, 'roll.take', { stage: doc.stage });
    if (!(await registeredDelegations(ctx, doc)).includes(body.delegation)) throw HttpError.of('delegation_not_found');
    const roll = await openRollOf(ctx, doc);
    if (body.present) await ctx.store.rolls.markPresent(roll.id, body.delegation, 'recorded', taker.userId);
    else await ctx.store.rolls.markAbsent(roll.id, body.delegation);
    return record(ctx, taker, doc, roll.id, body.present ? 'recorded' : 'removed', { delegation: body.delegation });
  });
}

/** The head checks the delegation in while the roll is open. */
export async function checkIn(ctx: AppContext, actor: Actor, documentId: string): Promise<RollJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const head = authorize(actor, 'roll.checkIn', { stage: doc.stage });
    const roll = await openRollOf(ctx, doc);
    await ctx.store.rolls.markPresent(roll.id, head.delegation!, 'checked_in', head.userId);
    return record(ctx, head, doc, roll.id, 'checked_in', { delegation: head.delegation });
  });
}

/** Closes the open roll: the meeting's list of those present stands, and votes count from it. */
export async function closeRoll(ctx: AppContext, actor: Actor, documentId: string): Promise<RollJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const taker = authorize(actor, 'roll.take', { stage: doc.stage });
    const roll = await openRollOf(ctx, doc);
    await ctx.store.rolls.close(roll.id, taker.userId);
    const present = (await ctx.store.rolls.entries(roll.id)).map((e) => e.delegation);
    return record(ctx, taker, doc, roll.id, 'closed', { present });
  });
}
