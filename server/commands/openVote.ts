import type { Actor } from '../../shared/domain/roles.js';
import type { OpenVoteRequest, VoteSubjectType, VoteJson } from '../../shared/api/votes.js';
import type { Stage } from '../../shared/domain/stages.js';
import { quorumProblem } from '../../shared/domain/tally.js';
import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { presentVote } from '../presenters/vote.js';
import { audit } from './audit.js';
import { putAmendmentToVote } from './amendmentLifecycle.js';
import { loadDocument } from '../queries/documents.js';
import { refuseWhileTextIsPutToVote, registeredDelegations } from '../queries/votes.js';
import { findAmendment } from '../queries/amendments.js';
import { requireAcknowledged } from '../queries/unfinishedWork.js';
import { randomInt } from 'node:crypto';
import { rollCallOrder } from '../../shared/domain/rollCall.js';
import { countryName } from '../../shared/domain/countries.js';

/**
 * A roll call's order: one State drawn by lot (a cryptographic draw, so nobody can predict or steer it), the
 * others following in the alphabetical order of their English names. Recorded as `vote.draw` in the ledger.
 */
export function drawRollCall(codes: readonly string[]): string[] {
  const first = codes[randomInt(codes.length)]!;
  return rollCallOrder(codes, first, (code) => countryName(code, 'en'));
}

/**
 * The chair opens a vote on an amendment, a clause or the whole declaration, under a rule and an optional
 * quorum. At most one vote per subject is open at a time (409 `vote_already_open`), and no vote on an
 * amendment opens while the whole text is put to the vote (409 `vote_open`). The quorum must come to
 * at least one and at most all of the delegations registered now (400), and the vote keeps that count: its
 * close counts the quorum against it, whoever registers meanwhile.
 *
 * A vote on the whole text is the adoption vote. While the text is unfinished (brackets, clauses not agreed,
 * undecided amendments, clauses being typed in, other open votes) it answers 409 `needs_acknowledgement` with
 * the list, unless the chair acknowledged it; the ledger's `vote.open` entry keeps what was acknowledged.
 * Opened during negotiation, it moves the document to `adoption` first, which freezes the text while the
 * delegations vote. A vote by roll call (`rollCall`) draws the first State by lot; the order is kept with the
 * vote and in the ledger (`vote.draw`, right after `vote.open`).
 */
export async function openVote(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: OpenVoteRequest,
): Promise<VoteJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'vote.open', { stage: doc.stage });
    const subjectId = await resolveSubject(ctx, doc, input.subject.type, input.subject.id);
    if (await ctx.store.votes.openFor(doc.id, input.subject.type, subjectId)) {
      throw HttpError.of('vote_already_open', `A vote on this ${input.subject.type} is already open; close it first.`);
    }
    const quorum = input.quorum ?? null;
    const registered = (await registeredDelegations(ctx, doc)).length;
    if (input.rollCall && registered === 0)
      throw HttpError.of('invalid_input', 'rollCall: no delegation is registered to be called', 'rollCall');
    const problem = quorum === null ? null : quorumProblem(quorum, registered);
    if (problem) throw HttpError.of('invalid_input', `quorum: ${problem}`, 'quorum');
    let acknowledged: UnfinishedItem[] = [];
    if (input.subject.type === 'document')
      acknowledged = await requireAcknowledged(ctx, doc, input.acknowledge, 'put it to the vote');
    const id = newId();
    if (input.subject.type === 'amendment') {
      await refuseWhileTextIsPutToVote(ctx, doc, 'a vote on an amendment');
      await putAmendmentToVote(ctx, subjectId, chair);
    }
    let stageMove: { from: Stage; to: Stage } | null = null;
    if (input.subject.type === 'document' && doc.stage === 'negotiation') {
      stageMove = { from: doc.stage, to: 'adoption' };
      await ctx.store.documents.setStage(doc.id, 'adoption');
      await audit(ctx, chair, 'document.stage', {
        documentId: doc.id,
        subject: `document:${doc.id}`,
        payload: { ...stageMove, vote: id },
      });
    }
    const rollCall = input.rollCall ? drawRollCall(await registeredDelegations(ctx, doc)) : null;
    const row = await ctx.store.votes.insert({
      id,
      documentId: doc.id,
      subjectType: input.subject.type,
      subjectId,
      rule: input.rule,
      quorum,
      registered,
      rollCall,
      openedBy: chair.userId,
    });
    await audit(ctx, chair, 'vote.open', {
      documentId: doc.id,
      subject: `vote:${id}`,
      payload: {
        subject: { type: row.subject_type, id: subjectId },
        rule: row.rule,
        quorum,
        registered,
        ...(acknowledged.length > 0 ? { acknowledged } : {}),
      },
    });
    if (rollCall)
      await audit(ctx, chair, 'vote.draw', {
        documentId: doc.id,
        subject: `vote:${id}`,
        payload: { first: rollCall[0], order: rollCall },
      });
    const vote = await presentVote(ctx, row, null);
    if (stageMove)
      ctx.events.emit({ document: documentId }, 'document:stage', {
        documentId,
        stage: stageMove.to,
        by: chair.username,
      });
    ctx.events.emit({ document: documentId }, 'vote:opened', { vote });
    return vote;
  });
}

/** The subject's stored id, after checking it exists in this document. */
async function resolveSubject(
  ctx: AppContext,
  doc: DocumentRow,
  type: VoteSubjectType,
  id: string | undefined,
): Promise<string> {
  switch (type) {
    case 'document':
      if (id !== undefined && id !== doc.id) {
        throw HttpError.of(
          'invalid_input',
          'subject.id: a vote on the whole document names this document or nothing',
          'subject.id',
        );
      }
      return doc.id;
    case 'clause':
      if (!(await ctx.store.documents.clause(doc.id, id!)))
        throw HttpError.of('clause_not_found', `No clause ${id} in ${doc.id}.`);
      return id!;
    case 'amendment': {
      const amendment = await findAmendment(ctx, id!);
      if (!amendment || amendment.document_id !== doc.id)
        throw HttpError.of('amendment_not_found', `No amendment ${id} in ${doc.id}.`);
      return id!;
    }
  }
}
