import type * as Y from 'yjs';
import type { Actor } from '../../shared/domain/roles.js';
import type { AdoptionRequest, AdoptionResponse } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { adoptionRefusal } from '../../shared/domain/stages.js';
import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { documentFingerprint } from '../export/source.js';
import { FINGERPRINT_FORMAT_VERSIONS, stateVectorBase64 } from '../export/fingerprint.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { presentVote } from '../presenters/vote.js';
import { audit } from './audit.js';
import { announce } from './amendmentLifecycle.js';
import { loadDocument } from '../queries/documents.js';
import { requireAcknowledged } from '../queries/unfinishedWork.js';

/** How a text was adopted: by the vote on the whole text that carried it, or by the chair's decision. */
export type AdoptionMethod =
  | { method: 'vote'; vote: string }
  | {
      method: 'without_vote';
      objectionWindowMinutes: number;
      acknowledged: UnfinishedItem[];
      /** The silence procedure whose deadline passed unbroken, when the decision was taken by it. */
      silence?: string;
    };

/** What an adoption did, for the answer and its announcements. */
export interface Adoption {
  documentId: string;
  previous: DocumentRow['stage'];
  fingerprint: string;
  stateVector: string;
  lapsedVotes: VoteJson[];
  lapsedAmendments: AmendmentRow[];
}

/**
 * Makes the text adopted, inside the caller's transaction (closing the adopting vote, or the chair's decision
 * without a vote), so that all of it commits or none: every other vote still open lapses, every amendment
 * still submitted or put to a vote lapses, each with its ledger row; the stage moves to `adopted`
 * (`document.stage`); and `document.adopted` records the method and the adopted text's fingerprint and Yjs
 * state vector, computed exactly as `verify-ledger` recomputes them from storage. From then on the registry
 * refuses every change to the text (`text_frozen`) and the permissions table every write.
 */
export async function recordAdoption(
  ctx: AppContext,
  chair: Actor,
  doc: DocumentRow,
  how: AdoptionMethod,
): Promise<Adoption> {
  const cause =
    how.method === 'vote'
      ? { reason: 'document_adopted', method: 'vote', vote: how.vote }
      : { reason: 'document_adopted', method: 'without_vote', ...silenceOf(how) };
  const lapsedVotes: VoteJson[] = [];
  for (const vote of await ctx.store.votes.openForDocument(doc.id)) {
    if (how.method === 'vote' && vote.id === how.vote) continue;
    await ctx.store.votes.lapse(vote.id, chair.userId);
    await audit(ctx, chair, 'vote.lapse', { documentId: doc.id, subject: `vote:${vote.id}`, payload: cause });
    lapsedVotes.push(await presentVote(ctx, (await ctx.store.votes.get(vote.id))!, null));
  }
  const lapsedAmendments: AmendmentRow[] = [];
  for (const amendment of await ctx.store.amendments.undecided(doc.id)) {
    await ctx.store.amendments.decide(amendment.id, 'lapsed', chair.userId, null);
    await audit(ctx, chair, 'amendment.lapse', {
      documentId: doc.id,
      subject: `amendment:${amendment.id}`,
      payload: { from: amendment.status, ...cause },
    });
    lapsedAmendments.push({ ...amendment, status: 'lapsed' });
  }

  await ctx.store.documents.setStage(doc.id, 'adopted');
  const stagePayload =
    how.method === 'vote'
      ? { from: doc.stage, to: 'adopted', vote: how.vote }
      : {
          from: doc.stage,
          to: 'adopted',
          method: 'without_vote',
          ...silenceOf(how),
          ...(how.acknowledged.length > 0 ? { acknowledged: how.acknowledged } : {}),
        };
  await audit(ctx, chair, 'document.stage', {
    documentId: doc.id,
    subject: `document:${doc.id}`,
    payload: stagePayload,
  });

  // The registry commits any update still waiting before it answers, so the text fingerprinted is the stored one.
  const live = (await ctx.registry.get(doc.id))!;
  const { fingerprint, covers } = await adoptedFingerprint(ctx, doc.id, live);
  const stateVector = stateVectorBase64(live);
  await audit(ctx, chair, 'document.adopted', {
    documentId: doc.id,
    subject: `document:${doc.id}`,
    payload:
      how.method === 'vote'
        ? { method: 'vote', vote: how.vote, fingerprint, ...covers, stateVector }
        : {
            method: 'without_vote',
            fingerprint,
            ...covers,
            stateVector,
            objectionWindowMinutes: how.objectionWindowMinutes,
            ...silenceOf(how),
          },
  });
  return { documentId: doc.id, previous: doc.stage, fingerprint, stateVector, lapsedVotes, lapsedAmendments };
}

/**
 * The adopted text's fingerprint, over the original and every language version (each is official: an outcome
 * document is equally authentic in all its languages). The entry names what it covers when that is versions too
 * (`format: "accord.text/2"`, `versions`: their codes); an entry without `format` is `accord.text/1`, as every
 * entry written before versions existed, and `verify-ledger` recomputes each in the format it names.
 */
async function adoptedFingerprint(
  ctx: AppContext,
  documentId: string,
  live: Y.Doc,
): Promise<{ fingerprint: string; covers: { format?: string; versions?: string[] } }> {
  const versions = (await ctx.store.languages.forDocument(documentId))
    .filter((l) => !l.original)
    .map((l) => l.code)
    .sort();
  const fingerprint = documentFingerprint(live, await ctx.store.documents.clauses(documentId), versions);
  return { fingerprint, covers: versions.length > 0 ? { format: FINGERPRINT_FORMAT_VERSIONS, versions } : {} };
}

/** The silence procedure that took the decision, as the ledger entries name it (nothing for a decision in the room). */
function silenceOf(how: AdoptionMethod): { silence?: string } {
  return how.method === 'without_vote' && how.silence ? { silence: how.silence } : {};
}

/**
 * Tells everyone following the document, once the adoption's transaction has committed (call inside it): each
 * lapsed vote (`vote:lapsed`), each lapsed amendment (`amendment:changed`), then the stage (`document:stage`).
 */
export function announceAdoption(ctx: AppContext, adoption: Adoption, by: string): void {
  const to = { document: adoption.documentId };
  for (const vote of adoption.lapsedVotes) ctx.events.emit(to, 'vote:lapsed', { vote });
  for (const row of adoption.lapsedAmendments) announce(ctx, row, 'lapsed', by, 'lapsed');
  ctx.events.emit(to, 'document:stage', { documentId: adoption.documentId, stage: 'adopted', by });
}

/**
 * Throws what refuses an adoption without a vote of `doc` now: 409 `vote_open` while a vote on the whole text is
 * open (its result would contradict the decision), or the stage's refusal. The chair's decision in the room and
 * a silence procedure (at its start and at its deadline) ask the same.
 */
export async function refuseAdoptionWithoutVote(ctx: AppContext, doc: DocumentRow): Promise<void> {
  const documentVoteOpen = (await ctx.store.votes.openForDocument(doc.id)).some((v) => v.subject_type === 'document');
  const refusal = adoptionRefusal(doc.stage, { voteOpen: false, documentVoteOpen });
  if (refusal === 'vote_open')
    throw HttpError.of('vote_open', 'A vote on the whole text is open: close it before deciding without a vote.');
  if (refusal) throw HttpError.of(refusal, 'The text cannot be adopted from its current stage.');
}

/**
 * The chair records the text as adopted without a vote ("if there is no objection, I take it the conference
 * wishes to adopt the text… it is so decided"), giving the objection window they allowed, in minutes. Only in
 * the adoption stage (403 `stage_not_allowed` otherwise, as the permissions table says), never while a vote
 * on the whole text is open (409 `vote_open`: its result would contradict the decision), and, when the text
 * is unfinished, only once the chair acknowledged what is (409 `needs_acknowledgement` with the list). Other
 * open votes and undecided amendments lapse (see `recordAdoption`). Sent twice, the second finds the text
 * adopted and is refused: the decision is recorded once.
 */
export async function adoptWithoutVote(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: AdoptionRequest,
): Promise<AdoptionResponse> {
  const adoption = await ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'document.adopt', { stage: doc.stage });
    await refuseAdoptionWithoutVote(ctx, doc);
    const acknowledged = await requireAcknowledged(ctx, doc, input.acknowledge, 'adopt it');
    const adopted = await recordAdoption(ctx, chair, doc, {
      method: 'without_vote',
      objectionWindowMinutes: input.objectionWindowMinutes,
      acknowledged,
    });
    announceAdoption(ctx, adopted, chair.username);
    return adopted;
  });
  return {
    id: adoption.documentId,
    stage: 'adopted',
    previous: adoption.previous,
    method: 'without_vote',
    fingerprint: adoption.fingerprint,
    stateVector: adoption.stateVector,
    lapsed: { votes: adoption.lapsedVotes.map((v) => v.id), amendments: adoption.lapsedAmendments.map((a) => a.id) },
  };
}
