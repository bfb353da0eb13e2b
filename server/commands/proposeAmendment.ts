import type { Actor } from '../../shared/domain/roles.js';
import type { ProposeAmendmentRequest } from '../../shared/api/amendments.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { parseMarkup, toMarkup } from '../../shared/editor/markup.js';
import { readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { announce } from './amendmentLifecycle.js';
import { loadDocument, isInText, clauseOfDocument } from '../queries/documents.js';
import { amendmentTextChange, checkTextLimits } from '../queries/textLimits.js';
import { checkSpanProposal } from '../queries/amendmentSpans.js';

/**
 * A delegate or head proposes, for their own delegation, to replace a clause, insert a new one after it or
 * delete it. The clause's text at this moment is stored with the amendment: its diff is shown against it,
 * and it becomes stale when the clause moves on. Its text must fit the text limits (413 `clause_too_long`,
 * `document_too_long`).
 *
 * With a `span`, it changes only those words (replaces them, inserts at a caret, or deletes them): the span is
 * checked against the live text (`checkSpanProposal`) and stored with the amendment; its `text` is the
 * proposed words as typed, spaces included.
 */
export async function proposeAmendment(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: ProposeAmendmentRequest,
): Promise<AmendmentRow> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'amendment.propose', { stage: doc.stage });
    if (input.delegation && input.delegation !== who.delegation) {
      throw HttpError.of('not_own_delegation', 'You can propose amendments only for your own delegation.');
    }
    const clause = await clauseOfDocument(ctx, doc.id, input.clauseId);
    authorize(who, 'amendment.propose', { stage: doc.stage, clauseStatus: clause.status });
    const live = (await ctx.registry.get(doc.id))!;
    if (!isInText(live, clause.id)) throw HttpError.of('clause_deleted');
    const base = readClause(live, clause.id);
    const { span } = input;
    const placed =
      span && checkSpanProposal(ctx.config.textLimits, live, clause.id, input.kind, span, input.text ?? '');
    const change = span ? undefined : amendmentTextChange(input.kind, clause.id, input.text);
    if (change) checkTextLimits(ctx.config.textLimits, live, change);
    // A replacement whose words are today's (whatever its emphasis) would show an empty diff: refuse it.
    if (!span && input.kind === 'replace' && clauseToPlainText(parseMarkup(input.text!)) === clauseToPlainText(base)) {
      throw HttpError.of('invalid_input', 'text: the proposed text is the same as the clause’s current text', 'text');
    }
    const created = await ctx.store.amendments.insert({
      id: newId(),
      documentId: doc.id,
      clauseId: clause.id,
      kind: input.kind,
      text: input.kind === 'delete' ? null : span ? input.text! : input.text!.trim(),
      rationale: input.rationale,
      delegation: who.delegation!,
      proposerId: who.userId,
      baseText: clauseToPlainText(base),
      baseMarkup: toMarkup(base),
      // `at`: where the words were in `baseText`, so a decided or stale amendment still shows its change there.
      span: placed ? JSON.stringify({ start: span.start, end: span.end, quote: span.quote, at: placed.from }) : null,
    });
    await audit(ctx, who, 'amendment.propose', {
      documentId: doc.id,
      subject: `amendment:${created.id}`,
      payload: {
        clause: clause.id,
        kind: created.kind,
        delegation: created.delegation,
        ...(span ? { span: { quote: span.quote, text: created.text } } : {}),
      },
    });
    announce(ctx, created, created.status, who.username, 'proposed');
    return created;
  });
}
