import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { loadDocument } from '../queries/documents.js';
import { audit } from './audit.js';

/**
 * The secretariat requires the delegations to write a document's text as suggestions, or releases them
 * (docs/negotiation.md, "Suggestion mode"). The collab policy reads it for every update, so the next keystroke
 * is judged by it. A real change is a ledger entry (`suggestion.require` / `suggestion.release`) and a
 * `suggestion:changed` event; asking for what already holds changes nothing.
 */
export async function setSuggestionRequirement(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  required: boolean,
): Promise<{ documentId: string; required: boolean }> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'suggestion.require', { stage: doc.stage });
    if (await ctx.store.suggestionRequirements.set(doc.id, required, who.userId)) {
      await audit(ctx, who, required ? 'suggestion.require' : 'suggestion.release', { documentId: doc.id });
      ctx.events.emit({ document: doc.id }, 'suggestion:changed', {
        documentId: doc.id,
        change: 'requirement',
        ids: [],
        required,
        by: who.username,
      });
    }
    return { documentId: doc.id, required };
  });
}
