import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { announce } from './amendmentLifecycle.js';
import { loadDocument } from '../queries/documents.js';
import { loadAmendment, requireSubmitted } from '../queries/amendments.js';

/**
 * Another delegation joins a submitted amendment as co-sponsor. Co-sponsors are listed in the order they
 * joined; the proposing delegation cannot co-sponsor its own amendment (409 `own_amendment`), nor can a
 * delegation join twice (409 `already_cosponsor`).
 */
export async function cosponsorAmendment(ctx: AppContext, actor: Actor, amendmentId: string): Promise<AmendmentRow> {
  return ctx.store.transaction(async () => {
    const amendment = await loadAmendment(ctx, amendmentId);
    const doc = await loadDocument(ctx, amendment.document_id);
    const who = authorize(actor, 'amendment.cosponsor', { stage: doc.stage });
    requireSubmitted(amendment);
    const delegation = who.delegation!;
    if (delegation === amendment.delegation) throw HttpError.of('own_amendment');
    if ((await ctx.store.amendments.sponsors(amendment.id)).some((s) => s.delegation === delegation)) {
      throw HttpError.of('already_cosponsor');
    }
    await ctx.store.amendments.addSponsor(amendment.id, delegation, who.userId);
    await audit(ctx, who, 'amendment.cosponsor', {
      documentId: doc.id,
      subject: `amendment:${amendment.id}`,
      payload: { delegation },
    });
    announce(ctx, amendment, amendment.status, who.username, 'cosponsored');
    return amendment;
  });
}

/** A co-sponsoring delegation takes its name off a submitted amendment (409 `not_cosponsor` if it was not on it). */
export async function leaveCosponsorship(ctx: AppContext, actor: Actor, amendmentId: string): Promise<AmendmentRow> {
  return ctx.store.transaction(async () => {
    const amendment = await loadAmendment(ctx, amendmentId);
    const doc = await loadDocument(ctx, amendment.document_id);
    const who = authorize(actor, 'amendment.cosponsor', { stage: doc.stage });
    requireSubmitted(amendment);
    if (!(await ctx.store.amendments.removeSponsor(amendment.id, who.delegation!))) {
      throw HttpError.of('not_cosponsor');
    }
    await audit(ctx, who, 'amendment.cosponsor_leave', {
      documentId: doc.id,
      subject: `amendment:${amendment.id}`,
      payload: { delegation: who.delegation },
    });
    announce(ctx, amendment, amendment.status, who.username, 'cosponsor_left');
    return amendment;
  });
}
