import type { DocumentLanguageJson } from '../../shared/api/languages.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { loadDocument } from '../queries/documents.js';
import { audit } from './audit.js';

/**
 * The secretariat adds a language version to a document. Every clause's version starts missing; translators
 * of the language write it over the collab socket (`clause/<clauseId>/<code>`). Audited in the ledger.
 */
export async function addLanguage(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  code: LanguageCode,
): Promise<DocumentLanguageJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'document.language', { stage: doc.stage });
    const languages = await ctx.store.languages.forDocument(doc.id);
    if (languages.some((l) => l.code === code))
      throw HttpError.of('language_exists', `${documentId} already has a ${code} version.`);
    // A document from before versions has its original only by default: record it beside the new version.
    const original = languages.find((l) => l.original)!;
    const recorded = await ctx.store.languages.recorded(doc.id);
    if (!recorded.includes(original.code)) await ctx.store.languages.add(doc.id, original.code, true, null);
    await ctx.store.languages.add(doc.id, code, false, who.userId);
    await audit(ctx, who, 'document.language', { documentId: doc.id, subject: `language:${code}`, payload: { code } });
    const total = [...(await ctx.store.documents.clauses(doc.id)).values()].filter((c) => !c.deleted_at).length;
    return { code, original: false, current: 0, total };
  });
}
