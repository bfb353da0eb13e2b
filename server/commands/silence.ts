import type { Actor } from '../../shared/domain/roles.js';
import type { SilenceChanged, SilenceJson, StartSilenceRequest } from '../../shared/api/silence.js';
import { SILENCE_MAX_MINUTES } from '../../shared/api/silence.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import type { SilenceRow } from '../db/repositories/silences.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { loadDocument } from '../queries/documents.js';
import { requireAcknowledged } from '../queries/unfinishedWork.js';
import { presentSilence } from '../presenters/silence.js';
import { actorOf } from '../auth/session.js';
import { audit } from './audit.js';
import { announceAdoption, recordAdoption, refuseAdoptionWithoutVote } from './adoption.js';

/**
 * The silence procedure: the chair starts it (`silence.started`), a head breaks it with a statement
 * (`silence.broken`), the chair withdraws it (`silence.withdrawn`), or its deadline passes unbroken and the
 * server takes the decision (`silence.passed`, then the adoption's own entries naming the procedure). Each is
 * one transaction, its ledger entry and one `silence:changed` event with the procedure whole.
 */

async function announce(
  ctx: AppContext,
  doc: DocumentRow,
  silenceId: string,
  change: SilenceChanged['change'],
  by: string | null,
): Promise<SilenceJson> {
  const silence = await presentSilence(ctx, (await ctx.store.silences.get(silenceId))!);
  ctx.events.emit({ document: doc.id }, 'silence:changed', { documentId: doc.id, change, by, silence });
  return silence;
}

/**
 * The document's latest procedure while it is still open to `statuses` (404 `silence_not_found` when none ever
 * ran, 409 `silence_ended` once it ended). A procedure whose deadline has passed is over, even in the moment
 * before a node takes its decision: silence is judged at the deadline.
 */
async function openOf(
  ctx: AppContext,
  doc: DocumentRow,
  statuses: readonly SilenceRow['status'][],
): Promise<SilenceRow> {
  const silence = await ctx.store.silences.latest(doc.id);
  if (!silence) throw HttpError.of('silence_not_found');
  const over = silence.status === 'running' && Date.parse(silence.deadline) <= Date.now();
  if (!statuses.includes(silence.status) || over) throw HttpError.of('silence_ended');
  return silence;
}

/** The deadline asked for, as stored (ISO, UTC): ahead of now, and at most a week ahead (400 otherwise). */
function deadlineOf(input: StartSilenceRequest, at: number): string {
  const deadline = input.minutes !== undefined ? at + input.minutes * 60_000 : Date.parse(input.deadline!);
  if (!(deadline > at && deadline <= at + SILENCE_MAX_MINUTES * 60_000)) throw HttpError.of('silence_deadline_invalid');
  return new Date(deadline).toISOString();
}

/**
 * The chair puts the adoption of the text without a vote under silence until the deadline. Refused as the
 * adoption itself would be (stage, an open vote on the whole text, an unfinished text not acknowledged), and
 * while another procedure runs (409 `silence_running`).
 */
export async function startSilence(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: StartSilenceRequest,
): Promise<SilenceJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'silence.start', { stage: doc.stage });
    const deadline = deadlineOf(input, Date.now());
    await refuseAdoptionWithoutVote(ctx, doc);
    const acknowledged = await requireAcknowledged(ctx, doc, input.acknowledge, 'put its adoption under silence');
    const id = newId();
    const started = await ctx.store.silences.start({
      id,
      documentId: doc.id,
      subject: input.subject,
      deadline,
      acknowledge: input.acknowledge === true,
      by: chair.userId,
    });
    if (!started) throw HttpError.of('silence_running');
    await audit(ctx, chair, 'silence.started', {
      documentId: doc.id,
      subject: `silence:${id}`,
      payload: { subject: input.subject, deadline, ...(acknowledged.length > 0 ? { acknowledged } : {}) },
    });
    return announce(ctx, doc, id, 'started', chair.username);
  });
}

/**
 * A head breaks silence with a statement: the first break ends the procedure (`broken`; the text stays in
 * adoption and the chair may put it to a vote); other delegations may add theirs to a broken procedure until
 * the chair starts another. One statement per delegation (409 `silence_already_broken`).
 */
export async function breakSilence(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  statement: string,
): Promise<SilenceJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const head = authorize(actor, 'silence.break', { stage: doc.stage });
    const silence = await openOf(ctx, doc, ['running', 'broken']);
    // Ended first: a node taking the decision at this moment holds the row, and then this break comes too late.
    const ended = silence.status === 'running';
    if (ended && !(await ctx.store.silences.end(silence.id, 'broken'))) throw HttpError.of('silence_ended');
    if (!(await ctx.store.silences.addBreak(silence.id, head.delegation!, statement, head.userId)))
      throw HttpError.of('silence_already_broken');
    await audit(ctx, head, 'silence.broken', {
      documentId: doc.id,
      subject: `silence:${silence.id}`,
      payload: { delegation: head.delegation, statement, ended },
    });
    return announce(ctx, doc, silence.id, 'broken', head.username);
  });
}

/** The chair withdraws the running procedure: nothing is decided. */
export async function withdrawSilence(ctx: AppContext, actor: Actor, documentId: string): Promise<SilenceJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'silence.withdraw', { stage: doc.stage });
    const silence = await openOf(ctx, doc, ['running']);
    if (!(await ctx.store.silences.end(silence.id, 'withdrawn'))) throw HttpError.of('silence_ended');
    await audit(ctx, chair, 'silence.withdrawn', { documentId: doc.id, subject: `silence:${silence.id}` });
    return announce(ctx, doc, silence.id, 'withdrawn', chair.username);
  });
}

/**
 * The chair moved the text out of the adoption stage (inside `changeStage`'s transaction): a procedure running
 * on its adoption ends `withdrawn`, `endedReason: "stage_changed"`, rather than wait for a deadline at which
 * it could only be withdrawn.
 */
export async function withdrawSilenceWithStage(
  ctx: AppContext,
  chair: Actor,
  doc: DocumentRow,
  to: string,
): Promise<void> {
  const silence = await ctx.store.silences.latest(doc.id);
  if (silence?.status !== 'running' || !(await ctx.store.silences.end(silence.id, 'withdrawn', 'stage_changed')))
    return;
  await audit(ctx, chair, 'silence.withdrawn', {
    documentId: doc.id,
    subject: `silence:${silence.id}`,
    payload: { reason: 'stage_changed', to },
  });
  await announce(ctx, doc, silence.id, 'withdrawn', chair.username);
}

/**
 * Takes the decision of a procedure whose deadline has passed unbroken, in one transaction: the conditional
 * update `running → passed` lets exactly one caller through (another node, a second timer, a head breaking
 * silence at the last moment all find it ended and change nothing). For `adoption`, the text is adopted as the
 * chair's adoption without a vote adopts it, in the name of the chair who started the procedure, with the
 * procedure named in the ledger. When the decision can no longer be taken (a vote on the whole text opened, the
 * text became unfinished without acknowledgement), the procedure is withdrawn with
 * that reason instead. Returns what happened, or null when there was nothing to do.
 */
export async function concludeSilence(ctx: AppContext, silenceId: string): Promise<SilenceRow['status'] | null> {
  return ctx.store.transaction(async () => {
    const silence = await ctx.store.silences.get(silenceId);
    if (!silence || silence.status !== 'running' || Date.parse(silence.deadline) > Date.now()) return null;
    const doc = await loadDocument(ctx, silence.document_id);
    const chair = actorOf((await ctx.store.users.byId(silence.started_by))!);
    const refusal = await adoptionRefusal(ctx, doc, silence);
    if (refusal) {
      if (!(await ctx.store.silences.end(silence.id, 'withdrawn', refusal))) return null;
      await audit(ctx, null, 'silence.withdrawn', {
        documentId: doc.id,
        subject: `silence:${silence.id}`,
        payload: { reason: refusal },
      });
      await announce(ctx, doc, silence.id, 'withdrawn', null);
      return 'withdrawn';
    }
    if (!(await ctx.store.silences.end(silence.id, 'passed'))) return null;
    const minutes = Math.round((Date.parse(silence.deadline) - Date.parse(silence.started_at)) / 60_000);
    await audit(ctx, null, 'silence.passed', {
      documentId: doc.id,
      subject: `silence:${silence.id}`,
      payload: { subject: silence.subject, deadline: silence.deadline },
    });
    const acknowledged = silence.acknowledge === 1 ? await requireAcknowledged(ctx, doc, true, 'adopt it') : [];
    const adopted = await recordAdoption(ctx, chair, doc, {
      method: 'without_vote',
      objectionWindowMinutes: minutes,
      acknowledged,
      silence: silence.id,
    });
    await announce(ctx, doc, silence.id, 'passed', null);
    announceAdoption(ctx, adopted, chair.username);
    return 'passed';
  });
}

/** Why the adoption can no longer be taken at the deadline (an error id), or null. */
async function adoptionRefusal(ctx: AppContext, doc: DocumentRow, silence: SilenceRow): Promise<string | null> {
  try {
    await refuseAdoptionWithoutVote(ctx, doc);
    if (silence.acknowledge !== 1) await requireAcknowledged(ctx, doc, false, 'adopt it');
    return null;
  } catch (error) {
    if (error instanceof HttpError) return error.id;
    throw error;
  }
}
