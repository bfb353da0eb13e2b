import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { escapeMarkup, parseMarkup } from '../../shared/editor/markup.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { checkNewDocumentText } from '../queries/textLimits.js';
import { documentIdOf, type CreateDocumentRequest } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { createDocument } from './createDocument.js';

/**
 * The secretariat opens a new draft declaration of the installation's conference: drafting stage, its title
 * clause and the template's empty clauses, or the clauses it was given (checked against the text limits). The id comes from the symbol unless given; a taken id or symbol
 * is refused rather than renamed, since delegations cite documents by both.
 */
export async function openDraft(ctx: AppContext, actor: Actor, input: CreateDocumentRequest): Promise<DocumentRow> {
  const secretariat = authorize(actor, 'document.create');
  const id = input.id ?? documentIdOf(input.symbol);
  if (!id) throw HttpError.of('invalid_input', 'symbol: must contain a letter or a digit', 'symbol');
  const clauses = [{ kind: 'title' as const, text: escapeMarkup(input.title) }, ...bodyOf(input)];
  const labels = numberClauses(clauses.map((c) => c.kind));
  checkNewDocumentText(
    ctx.config.textLimits,
    clauses.map((c, i) => ({ ref: labels[i]!.ref, text: clauseToPlainText(parseMarkup(c.text)) })),
  );
  return ctx.store.transaction(async () => {
    const conferenceId = await claimNewDocument(ctx, id, input.symbol);
    await createDocument(ctx, secretariat, {
      id,
      conferenceId,
      title: input.title,
      symbol: input.symbol,
      clauses,
      ...(input.language ? { language: input.language } : {}),
    });
    return (await ctx.store.documents.get(id))!;
  });
}

/** The clauses after the title: those given, or the template's empty ones. */
function bodyOf(input: CreateDocumentRequest): { kind: ClauseKind; text: string }[] {
  if (input.clauses) return input.clauses;
  const empty = (kind: ClauseKind) => ({ kind, text: '' });
  switch (input.template ?? 'blank') {
    case 'blank':
      return [empty('operative')];
    case 'declaration':
      return [empty('preamble'), empty('operative')];
    case 'declarationWithAnnex':
      return [empty('preamble'), empty('operative'), empty('annex')];
  }
}

/**
 * Inside a command's transaction: the conference a new document `id` with `symbol` joins, once it is clear
 * neither is taken (409 `document_exists`, naming the field) and the installation has a conference (409).
 */
export async function claimNewDocument(ctx: AppContext, id: string, symbol: string): Promise<string> {
  const conference = await ctx.store.conferences.current();
  if (!conference) throw HttpError.of('conflict', 'The installation has no conference yet.');
  if (await ctx.store.documents.get(id))
    throw HttpError.of('document_exists', `A document ${id} already exists.`, 'id');
  if ((await ctx.store.documents.list()).some((d) => d.symbol === symbol)) {
    throw HttpError.of('document_exists', `A document with the symbol ${symbol} already exists.`, 'symbol');
  }
  return conference.id;
}
