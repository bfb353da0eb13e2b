import type { ImportPreviewJson } from '../../shared/api/import.js';
import type { Actor } from '../../shared/domain/roles.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';
import { readWordDraft } from '../import/importQueue.js';
import { authorize } from '../policies/authorize.js';
import { checkNewDocumentText } from '../queries/textLimits.js';
import { audit } from './audit.js';
import { createDocument } from './createDocument.js';
import { claimNewDocument } from './openDraft.js';

export interface ImportRequest {
  /** The new document's id; required unless `dryRun`. */
  id?: string;
  symbol?: string;
  dryRun: boolean;
  /** The `.docx` bytes, or a pasted text, as the upload parser left them (anything else is refused). */
  body: unknown;
}

/**
 * The secretariat starts a draft from a Word zero draft, or from a pasted text: either is read on the import worker into clauses
 * (`server/import/`), checked against the text limits, and either shown (a dry run) or created in one
 * transaction, its warnings (what Word had that Accord does not carry) recorded in the audit log. Who may and
 * whether the id is free are settled before the file is read.
 */
export async function importDocument(
  ctx: AppContext,
  actor: Actor,
  input: ImportRequest,
): Promise<{ preview: ImportPreviewJson; row?: DocumentRow }> {
  const secretariat = authorize(actor, 'document.create');
  if (!input.dryRun && !input.id) throw HttpError.of('invalid_input', 'id: the new document needs an id', 'id');
  const pasted = typeof input.body === 'string';
  if (!pasted && (!Buffer.isBuffer(input.body) || input.body.length === 0)) {
    throw HttpError.of(
      'import_not_docx',
      'Send the Word file itself as the body, with Content-Type application/vnd.openxmlformats-officedocument.wordprocessingml.document, or a pasted text as text/plain.',
    );
  }
  if (input.id && !input.dryRun && (await ctx.store.documents.get(input.id))) {
    throw HttpError.of('document_exists', `A document ${input.id} already exists.`, 'id');
  }
  const job = pasted ? { text: input.body as string } : { bytes: input.body as Buffer };
  const preview = await readWordDraft(actor.userId, job);
  checkDraft(ctx, preview, pasted);
  if (input.dryRun || !input.id) return { preview };
  const id = input.id;
  const symbol = input.symbol ?? preview.symbol ?? id.toUpperCase();
  const row = await ctx.store.transaction(async () => {
    const conferenceId = await claimNewDocument(ctx, id, symbol);
    await createDocument(ctx, secretariat, {
      id,
      conferenceId,
      title: preview.title,
      symbol,
      metadata: { importedFrom: pasted ? 'text' : 'docx' },
      clauses: preview.clauses.map((c) => ({ kind: c.kind, text: c.markup })),
    });
    await audit(ctx, secretariat, 'document.import', {
      documentId: id,
      subject: `document:${id}`,
      payload: { clauses: preview.clauses.length, warnings: preview.warnings.map((w) => w.id) },
    });
    return (await ctx.store.documents.get(id))!;
  });
  return { preview, row };
}

/** A draft with no text is refused (400 `import_empty`), and so is one past the text limits (413). */
function checkDraft(ctx: AppContext, preview: ImportPreviewJson, pasted: boolean): void {
  const untitled = preview.warnings.some((w) => w.id === 'no_title');
  const texts = preview.clauses.filter((c, i) => !(untitled && i === 0) && c.text.trim() !== '');
  if (texts.length === 0)
    throw HttpError.of(
      'import_empty',
      pasted ? 'The pasted text is empty.' : 'This Word document holds no text to import.',
    );
  const labels = numberClauses(preview.clauses.map((c) => c.kind));
  checkNewDocumentText(
    ctx.config.textLimits,
    preview.clauses.map((c, i) => ({ ref: labels[i]!.ref, text: c.text })),
  );
}
