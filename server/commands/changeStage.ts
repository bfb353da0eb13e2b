import type { Actor } from '../../shared/domain/roles.js';
import { stageButtonRefusal, type Stage } from '../../shared/domain/stages.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { withdrawSilenceWithStage } from './silence.js';

export interface StageResult {
  id: string;
  stage: Stage;
  previous: Stage;
  changed: boolean;
}

/**
 * The chair moves a document to another stage with the stage button, as the stage machine allows
 * (`shared/domain/stages.ts`): forward freely, back with a reason, never to `adopted`, never while a vote of the
 * document is open, never once adopted. The ledger's `document.stage` entry keeps the reason, and the
 * `document:stage` event carries it. Moving to the stage it is already in changes nothing and is not audited.
 * Leaving the adoption stage withdraws a silence procedure running on the adoption.
 */
export async function changeStage(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  stage: Stage,
  reason?: string | null,
): Promise<StageResult> {
  const why = reason?.trim() || undefined;
  return ctx.store.transaction(async (): Promise<StageResult> => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'document.stage', { stage: doc.stage });
    if (doc.stage === stage) return { id: doc.id, stage, previous: doc.stage, changed: false };
    const voteOpen = (await ctx.store.votes.openForDocument(doc.id)).length > 0;
    const refusal = stageButtonRefusal(doc.stage, stage, { voteOpen, reason: why });
    if (refusal) throw HttpError.of(refusal);
    await ctx.store.documents.setStage(doc.id, stage);
    await audit(ctx, chair, 'document.stage', {
      documentId: doc.id,
      subject: `document:${doc.id}`,
      payload: { from: doc.stage, to: stage, ...(why ? { reason: why } : {}) },
    });
    ctx.events.emit({ document: documentId }, 'document:stage', {
      documentId,
      stage,
      by: chair.username,
      ...(why ? { reason: why } : {}),
    });
    if (doc.stage === 'adoption') await withdrawSilenceWithStage(ctx, chair, doc, stage);
    return { id: doc.id, stage, previous: doc.stage, changed: true };
  });
}
