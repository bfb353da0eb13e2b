import type { Actor } from './roles.js';
import type { Stage } from './stages.js';
import { can } from './permissions.js';

/**
 * Who must write as suggestions (docs/negotiation.md, "Suggestion mode"). Anyone who may write a clause may
 * switch their editor to suggesting. When the secretariat requires suggestions on a document, the
 * delegations (heads and delegates, who co-edit the text in drafting) must: the server then refuses any
 * change of theirs that is not a suggestion. The secretariat edits directly or suggests, as it chooses: it
 * is also who decides on suggestions.
 */
export function mustSuggest(
  actor: Pick<Actor, 'role' | 'delegation' | 'translates'>,
  stage: Stage,
  required: boolean,
): boolean {
  return required && (actor.role === 'head' || actor.role === 'delegate') && can(actor, 'clause.write', { stage });
}
