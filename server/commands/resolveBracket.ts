import type * as Y from 'yjs';
import type { ResolveBracketRequest } from '../../shared/api/brackets.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { BracketRow } from '../db/repositories/brackets.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { checkSpanLimits } from '../queries/amendmentSpans.js';
import { bracketAlternatives, bracketSpan, loadBracket, placeBracket, requireOpen } from '../queries/brackets.js';
import { isInText, loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';
import { replaceSpanText } from './amendmentText.js';
import { audit } from './audit.js';
import { announceBracket } from './placeBracket.js';

/**
 * The secretariat resolves a bracket, as one recorded action: `remove` takes the brackets away and keeps the
 * words, `delete` deletes the bracketed words, `choose` writes the chosen alternative in their place. The
 * words change in the live Y.Doc on the server, attributed to the secretariat, in the same transaction as
 * the bracket's row and its ledger entry (`bracket.resolve`), as accepting an amendment on a span does;
 * connected editors receive the change like any edit.
 *
 * Refusals: 409 `bracket_resolved` once resolved; 404 `alternative_not_found` for a label the bracket does not
 * offer; 409 `clause_deleted` / `span_gone` when the words to delete or replace are no longer in one stretch
 * of the text (removing brackets needs no words and is always possible); 413 past the text limits.
 */
export async function resolveBracket(
  ctx: AppContext,
  actor: Actor,
  bracketId: string,
  input: ResolveBracketRequest,
): Promise<BracketRow> {
  return ctx.store.transaction(async () => {
    const row = await loadBracket(ctx, bracketId);
    const doc = await loadDocument(ctx, row.document_id);
    const clause = await ctx.store.documents.clause(doc.id, row.clause_id);
    const who = authorize(actor, 'bracket.resolve', {
      stage: doc.stage,
      ...(clause ? { clauseStatus: clause.status } : {}),
    });
    refuseIfAdopted(doc);
    requireOpen(row);
    const live = (await ctx.registry.get(doc.id))!;
    const placed = isInText(live, row.clause_id) ? placeBracket(live, row) : null;
    const label = input.resolution === 'choose' ? input.label : null;
    const words = wordsAfter(row, input, placed?.words ?? bracketSpan(row).quote);
    if (input.resolution !== 'remove') {
      if (!isInText(live, row.clause_id)) throw HttpError.of('clause_deleted');
      if (!placed) {
        throw HttpError.of(
          'span_gone',
          'The bracketed words were rewritten around the brackets: resolve it by removing them.',
        );
      }
      checkSpanLimits(ctx.config.textLimits, live, placed, words);
    }
    if (
      !(await ctx.store.brackets.resolve(row.id, { resolution: input.resolution, label, text: words, by: who.userId }))
    )
      throw HttpError.of('bracket_resolved');
    await audit(ctx, who, 'bracket.resolve', {
      documentId: doc.id,
      subject: `bracket:${row.id}`,
      payload: {
        clause: row.clause_id,
        resolution: input.resolution,
        label,
        quote: placed?.words ?? null,
        text: words,
      },
    });
    if (input.resolution !== 'remove') {
      // The live text changes last: nothing after it in this transaction is expected to fail.
      await ctx.registry.change(doc.id, { userId: who.userId, delegation: null }, (doc) => {
        if (!isInText(doc, row.clause_id)) throw HttpError.of('clause_deleted');
        const before = placeBracket(doc, row);
        replaceSpanText(doc, row.clause_id, bracketSpan(row), words);
        if (!words && before) closeGap(before.text!, before.index);
      });
    }
    announceBracket(ctx, row, 'resolved', who.username);
    return (await ctx.store.brackets.get(row.id))!;
  });
}

/** The words the place holds once resolved: the words kept, none, or the chosen alternative's. */
function wordsAfter(row: BracketRow, input: ResolveBracketRequest, kept: string): string {
  if (input.resolution === 'remove') return kept;
  if (input.resolution === 'delete') return '';
  const chosen = bracketAlternatives(row).find((a) => a.label === input.label);
  if (!chosen)
    throw HttpError.of('alternative_not_found', `This bracket offers no alternative ${input.label}.`, 'label');
  return chosen.text;
}

/**
 * Words deleted from between two spaces ("ensure [inclusive] education") leave one space, not two; nor a space
 * before the punctuation that followed them. Call inside the Y transaction that deleted them, at `index`.
 */
function closeGap(text: Y.XmlText, index: number): void {
  const plain = (text.toDelta() as { insert: unknown }[])
    .map((d) => (typeof d.insert === 'string' ? d.insert : ' '))
    .join('');
  if (index > 0 && plain[index - 1] === ' ' && (index === plain.length || /[\s,.;:)]/.test(plain[index]!)))
    text.delete(index - 1, 1);
}
