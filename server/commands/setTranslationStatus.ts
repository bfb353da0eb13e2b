import type { SettableTranslationStatus } from '../../shared/domain/languages.js';
import type { TranslationStatusResult } from '../../shared/api/languages.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause, readVersion } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { liveClause, loadDocument } from '../queries/documents.js';
import { documentVersion, textFingerprint } from '../queries/languages.js';
import { audit } from './audit.js';

/**
 * A translator of the language (or the secretariat) says where a clause's version stands. `current` records
 * the fingerprint of the original clause's text now, and the text itself: from the original's next change on
 * the version reads stale, with the diff since. Marking current is audited in the ledger; both are announced.
 */
export async function setTranslationStatus(
  ctx: AppContext,
  actor: Actor,
  target: { documentId: string; clauseId: string; lang: string },
  status: SettableTranslationStatus,
): Promise<TranslationStatusResult> {
  const { documentId, clauseId, lang } = target;
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'translation.status', { stage: doc.stage, language: lang });
    await documentVersion(ctx, doc.id, lang);
    await liveClause(ctx, doc.id, clauseId);
    const ydoc = (await ctx.registry.get(doc.id))!;
    if (clauseToPlainText(readVersion(ydoc, clauseId, lang)).trim() === '')
      throw HttpError.of('translation_missing', `Clause ${clauseId} has no ${lang} text yet.`);
    const originalText = clauseToPlainText(readClause(ydoc, clauseId));
    const current = status === 'current';
    await ctx.store.languages.mark(doc.id, clauseId, lang, {
      status,
      fingerprint: current ? textFingerprint(originalText) : null,
      originalText: current ? originalText : null,
      by: who.userId,
    });
    if (current) {
      await audit(ctx, who, 'translation.current', {
        documentId: doc.id,
        subject: `clause:${clauseId}`,
        payload: { lang, original: textFingerprint(originalText) },
      });
    }
    ctx.events.emit({ document: doc.id }, 'translation:status', {
      documentId: doc.id,
      clauseId,
      lang,
      status,
      by: who.username,
    });
    return { clauseId, lang, status };
  });
}
