import type { Actor } from '../../shared/domain/roles.js';
import { canMoveStage, type Stage } from '../../shared/domain/stages.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from './loadDocument.js';

export interface StageResult {
  id: string;
  stage: Stage;
  previous: Stage;
  changed: boolean;
}

/**
 * The chair moves a document to another stage. Moving to the stage it is already in changes nothing and is
 * not audited; leaving `adopted` is refused (adoption is final).
 */
export async function changeStage(ctx: AppContext, actor: Actor | undefined, documentId: string, stage: Stage): Promise<StageResult> {
  const result = await ctx.store.transaction(async (): Promise<StageResult> => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'document.stage', { stage: doc.stage });
    if (doc.stage === stage) return { id: doc.id, stage, previous: doc.stage, changed: false };
    if (!canMoveStage(doc.stage, stage)) {
      throw new HttpError(409, 'stage_final', 'The document is adopted; its stage can no longer change.');
    }
    await ctx.store.documents.setStage(doc.id, stage);
    await audit(ctx, chair, 'document.stage', { documentId: doc.id, subject: `document:${doc.id}`, payload: { from: doc.stage, to: stage } });
    return { id: doc.id, stage, previous: doc.stage, changed: true };
  });
  if (result.changed) ctx.broadcast.emit({ document: documentId }, 'document:stage', { documentId, stage, by: actor!.username });
  return result;
}
