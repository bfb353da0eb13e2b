import type { Actor } from '../../shared/domain/roles.js';
import type { FloorEntryJson, FloorJson, RequestFloorRequest } from '../../shared/api/floor.js';
import { insertAt, placeOnList } from '../../shared/domain/floorOrder.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { loadDocument } from '../queries/documents.js';
import { presentFloorEntry } from '../presenters/floor.js';
import { loadWaitingRequest, recordFloorChange, requestPayload } from './floorChange.js';

/** The subject must be of this document: a clause of its text or one of its amendments (404 otherwise). */
async function checkSubject(ctx: AppContext, doc: DocumentRow, subject: RequestFloorRequest['subject']): Promise<void> {
  if (!subject || subject.type === 'general') return;
  if (subject.type === 'clause') {
    if (!(await ctx.store.documents.clause(doc.id, subject.id))) throw HttpError.of('clause_not_found');
    return;
  }
  const amendment = await ctx.store.amendments.get(subject.id);
  if (!amendment || amendment.document_id !== doc.id) throw HttpError.of('amendment_not_found');
}

/**
 * A head or delegate asks for the floor for their delegation, on the text in general, a clause or an
 * amendment. A point of order goes to the front of the list and a right of reply before the speakers
 * (`placeOnList`); a closed list takes no new speakers (409 `floor_closed`) but still those two. A delegation
 * waits at most once per kind (409 `floor_already_requested`, decided by the database so two requests at once
 * leave one).
 */
export async function requestFloor(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  body: RequestFloorRequest,
): Promise<FloorEntryJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const member = authorize(actor, 'floor.request', { stage: doc.stage });
    await ctx.store.floor.lock(doc.id, member.userId);
    const kind = body.kind ?? 'speaker';
    const subject = body.subject ?? { type: 'general' as const };
    await checkSubject(ctx, doc, subject);
    const settings = await ctx.store.floor.settings(doc.id);
    if (kind === 'speaker' && settings?.open === 0) throw HttpError.of('floor_closed');
    const id = newId();
    const waiting = await ctx.store.floor.waiting(doc.id);
    const added = await ctx.store.floor.add({
      id,
      documentId: doc.id,
      delegation: member.delegation!,
      kind,
      subjectType: subject.type,
      subjectId: subject.type === 'general' ? null : subject.id,
      requestedBy: member.userId,
    });
    if (!added) throw HttpError.of('floor_already_requested');
    const row = (await ctx.store.floor.get(id))!;
    await ctx.store.floor.reorder(insertAt(waiting, placeOnList(waiting, kind), row).map((r) => r.id));
    await recordFloorChange(ctx, member, doc, 'requested', requestPayload(row));
    return presentFloorEntry(row);
  });
}

/** The delegation takes back its request while it still waits (403 `not_own_delegation` for another's). */
export async function withdrawFloorRequest(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  requestId: string,
): Promise<FloorJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const member = authorize(actor, 'floor.withdraw', { stage: doc.stage });
    await ctx.store.floor.lock(doc.id, member.userId);
    const row = await loadWaitingRequest(ctx, doc.id, requestId);
    if (row.delegation !== member.delegation)
      throw HttpError.of('not_own_delegation', 'Only the delegation that asked for the floor can withdraw it.');
    await ctx.store.floor.settle(row.id, 'withdrawn');
    return recordFloorChange(ctx, member, doc, 'withdrawn', requestPayload(row));
  });
}
