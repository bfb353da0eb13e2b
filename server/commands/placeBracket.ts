import type { BracketChanged, CreateBracketRequest, SetAlternativesRequest } from '../../shared/api/brackets.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { BracketRow } from '../db/repositories/brackets.js';
import { newId } from '../db/ids.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { presentOneBracket } from '../presenters/bracket.js';
import { placeSpan } from '../queries/amendmentSpans.js';
import {
  bracketAlternatives,
  checkSponsors,
  labelAlternatives,
  loadBracket,
  requireOpen,
} from '../queries/brackets.js';
import { clauseOfDocument, isInText, loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';
import { audit } from './audit.js';

/**
 * Places brackets around words of a clause: the secretariat in drafting and negotiation, delegations while
 * they co-edit the text in drafting (`bracket.create`; a locked clause refuses). The span is checked against
 * the live text as an amendment's is: 400 `span_invalid` when its positions do not point into this clause at
 * the words quoted, `span_multiline` across paragraphs, `span_empty` when it encloses no words. With
 * alternatives, they are offered for the place. The text itself is not changed: brackets are drawn over it.
 */
export async function createBracket(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: CreateBracketRequest,
): Promise<BracketRow> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    authorize(actor, 'bracket.create', { stage: doc.stage });
    const clause = await clauseOfDocument(ctx, doc.id, input.clauseId);
    const who = authorize(actor, 'bracket.create', { stage: doc.stage, clauseStatus: clause.status });
    refuseIfAdopted(doc);
    const live = (await ctx.registry.get(doc.id))!;
    if (!isInText(live, clause.id)) throw HttpError.of('clause_deleted');
    const placed = placeSpan(live, clause.id, input.span);
    if (!placed || placed.from > placed.to) throw HttpError.of('span_invalid', undefined, 'span');
    if (!placed.text) throw HttpError.of('span_multiline', 'Brackets enclose words within one paragraph.', 'span');
    if (placed.words !== input.span.quote) {
      throw HttpError.of('span_invalid', 'span: the quoted words are not the words at these positions today', 'span');
    }
    if (!placed.words.trim()) throw HttpError.of('span_empty', 'Brackets enclose at least one word.', 'span');
    const alternatives = labelAlternatives(input.alternatives ?? []);
    checkSponsors(who, alternatives, []);
    await requireDelegations(ctx, alternatives);
    const { start, end, quote } = input.span;
    const row = await ctx.store.brackets.insert({
      id: newId(),
      documentId: doc.id,
      clauseId: clause.id,
      span: JSON.stringify({ start, end, quote, at: placed.from }),
      alternatives: JSON.stringify(alternatives),
      by: who.userId,
    });
    await audit(ctx, who, 'bracket.create', {
      documentId: doc.id,
      subject: `bracket:${row.id}`,
      payload: { clause: clause.id, quote, alternatives },
    });
    announceBracket(ctx, row, 'created', who.username);
    return row;
  });
}

/**
 * Sets an open bracket's alternatives (none: plain brackets again; or two or more, labelled A, B… in order),
 * under the same rule as placing it (`bracket.create`). A delegation adds or takes away only its own name as a
 * sponsor (403 `not_own_delegation`); 409 `bracket_resolved` once resolved.
 */
export async function setBracketAlternatives(
  ctx: AppContext,
  actor: Actor,
  bracketId: string,
  input: SetAlternativesRequest,
): Promise<BracketRow> {
  return ctx.store.transaction(async () => {
    const row = await loadBracket(ctx, bracketId);
    const doc = await loadDocument(ctx, row.document_id);
    const clause = await ctx.store.documents.clause(doc.id, row.clause_id);
    const who = authorize(actor, 'bracket.create', {
      stage: doc.stage,
      ...(clause ? { clauseStatus: clause.status } : {}),
    });
    refuseIfAdopted(doc);
    requireOpen(row);
    const alternatives = labelAlternatives(input.alternatives);
    checkSponsors(who, alternatives, bracketAlternatives(row));
    await requireDelegations(ctx, alternatives);
    await ctx.store.brackets.setAlternatives(row.id, JSON.stringify(alternatives));
    await audit(ctx, who, 'bracket.alternatives', {
      documentId: doc.id,
      subject: `bracket:${row.id}`,
      payload: { alternatives },
    });
    announceBracket(ctx, row, 'alternatives', who.username);
    return (await ctx.store.brackets.get(row.id))!;
  });
}

/** 400 `invalid_input` when a sponsor is not a delegation of the conference. */
async function requireDelegations(ctx: AppContext, alternatives: { sponsors: string[] }[]): Promise<void> {
  for (const [i, a] of alternatives.entries()) {
    for (const code of a.sponsors) {
      if (!(await ctx.store.delegations.get(code))) {
        throw HttpError.of('invalid_input', `No delegation ${code}.`, `alternatives.${i}.sponsors`);
      }
    }
  }
}

/** `bracket:changed` to the document's room after the commit, with the bracket as every reader sees it. */
export function announceBracket(ctx: AppContext, row: BracketRow, change: BracketChanged['change'], by: string): void {
  ctx.events.emit({ document: row.document_id }, 'bracket:changed', async () => ({
    documentId: row.document_id,
    clauseId: row.clause_id,
    bracketId: row.id,
    change,
    by,
    bracket: await presentOneBracket(ctx, row.id),
  }));
}
