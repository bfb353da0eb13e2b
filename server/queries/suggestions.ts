import type * as Y from 'yjs';
import type { SuggestionJson } from '../../shared/api/suggestions.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { clauseRefs } from '../presenters/bracket.js';

/**
 * The pending suggestions of a document's live text (docs/negotiation.md, "Suggestion mode"), in the order of
 * the text: read from the clauses' suggestion marks, each with its clause's reference and its author's name.
 * With `clauseId`, that clause's only.
 */
export async function pendingSuggestions(
  ctx: AppContext,
  documentId: string,
  live: Y.Doc,
  clauseId?: string,
): Promise<SuggestionJson[]> {
  const refs = clauseRefs(live, await ctx.store.documents.clauses(documentId));
  const authors = new Map<string, SuggestionJson['author']>();
  const out: SuggestionJson[] = [];
  for (const [id, ref] of refs) {
    if (clauseId !== undefined && id !== clauseId) continue;
    for (const s of suggestionsIn(readClause(live, id))) {
      if (!authors.has(s.user)) {
        const user = await ctx.store.users.byId(s.user);
        authors.set(s.user, user ? { username: user.username, displayName: user.display_name } : null);
      }
      out.push({
        id: s.id,
        kind: s.kind,
        clauseId: id,
        ref,
        text: s.text,
        author: authors.get(s.user) ?? null,
        delegation: s.delegation,
      });
    }
  }
  return out;
}
