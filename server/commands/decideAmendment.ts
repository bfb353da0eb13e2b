import type { Actor } from '../../shared/domain/roles.js';
import type { AmendmentDecisionRequest } from '../../shared/api/amendments.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { announce } from './amendmentLifecycle.js';
import { applyAmendmentToText } from './amendmentText.js';
import { loadDocument, isInText } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';
import { loadAmendment, requireSubmitted } from '../queries/amendments.js';
import { amendmentTextChange, checkTextLimits } from '../queries/textLimits.js';
import { checkSpanLimits, placeSpan, spanOf, spanStillApplies } from '../queries/amendmentSpans.js';

/**
 * The secretariat accepts or rejects a submitted amendment, with an optional note. Accepting applies the
 * change to the live text on the server, attributed to the secretariat, in the same transaction as the
 * decision; connected editors receive it like any other edit.
 *
 * Refusals: 409 `amendment_withdrawn` / `amendment_in_vote` / `amendment_decided` unless submitted; 403
 * `clause_locked` when accepting onto a locked clause; 409 `clause_deleted` when the clause left the text;
 * 409 `amendment_stale` when accepting a replacement or deletion of a clause that changed since the
 * amendment was written, unless `acceptStale` confirms the secretariat has seen today's diff; 413
 * `clause_too_long` / `document_too_long` when the text would no longer fit the text limits.
 *
 * An amendment on a span is stale when its words are no longer the words it quoted (edits elsewhere in the
 * clause leave it fresh); accepting applies it to its words as they are now, and 409 `span_gone` when they
 * can no longer be found in one paragraph.
 */
export async function decideAmendment(
  ctx: AppContext,
  actor: Actor,
  amendmentId: string,
  input: AmendmentDecisionRequest,
): Promise<AmendmentRow> {
  const accept = input.decision === 'accept';
  return ctx.store.transaction(async () => {
    const amendment = await loadAmendment(ctx, amendmentId);
    const doc = await loadDocument(ctx, amendment.document_id);
    const clause = await ctx.store.documents.clause(doc.id, amendment.clause_id);
    const who = authorize(actor, 'amendment.decide', {
      stage: doc.stage,
      ...(accept && clause ? { clauseStatus: clause.status } : {}),
    });
    requireSubmitted(amendment);
    if (accept) refuseIfAdopted(doc);
    const status = accept ? 'accepted' : 'rejected';
    const note = input.note || null;
    let stale = false;
    if (accept) {
      const live = (await ctx.registry.get(doc.id))!;
      if (!isInText(live, amendment.clause_id))
        throw HttpError.of('clause_deleted', 'The clause this amendment concerns is no longer part of the text.');
      const span = spanOf(amendment);
      const placed = span ? placeSpan(live, amendment.clause_id, span) : null;
      if (!spanStillApplies(live, amendment)) throw HttpError.of('span_gone');
      stale = span
        ? placed!.words !== span.quote
        : amendment.kind !== 'insert_after' &&
          clauseToPlainText(readClause(live, amendment.clause_id)) !== amendment.base_text;
      if (stale && !input.acceptStale) {
        throw HttpError.of('amendment_stale');
      }
      // The text may have grown since the proposal: the limits hold at acceptance too.
      if (placed) checkSpanLimits(ctx.config.textLimits, live, placed, amendment.text ?? '');
      const change = span ? undefined : amendmentTextChange(amendment.kind, amendment.clause_id, amendment.text);
      if (change) checkTextLimits(ctx.config.textLimits, live, change);
    }
    await ctx.store.amendments.decide(amendment.id, status, who.userId, note);
    await audit(ctx, who, `amendment.${status === 'accepted' ? 'accept' : 'reject'}`, {
      documentId: doc.id,
      subject: `amendment:${amendment.id}`,
      payload: { note, ...(accept ? { stale } : {}) },
    });
    if (accept) {
      // The live text changes last: nothing after it in this transaction is expected to fail.
      const { newClauseId } = await applyAmendmentToText(ctx, amendment, { userId: who.userId, delegation: null });
      await ctx.store.amendments.markApplied(amendment.id, newClauseId);
    }
    const decided = { ...amendment, status } as AmendmentRow;
    announce(ctx, decided, decided.status, who.username, accept ? 'accepted' : 'rejected');
    return decided;
  });
}
