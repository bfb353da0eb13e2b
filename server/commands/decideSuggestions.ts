import type * as Y from 'yjs';
import type {
  DecideAllSuggestionsRequest,
  SuggestionDecision,
  SuggestionDecisionJson,
  SuggestionJson,
} from '../../shared/api/suggestions.js';
import { isLocked } from '../../shared/domain/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { suggestionRuns, type SuggestionRun } from '../../shared/editor/suggestions.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';
import { pendingSuggestions } from '../queries/suggestions.js';
import { audit } from './audit.js';

type Outcome = SuggestionDecisionJson['outcome'];

/**
 * The secretariat accepts or rejects one suggestion (docs/negotiation.md, "Suggestion mode"): accepting an
 * insertion takes its mark off the words, accepting a deletion deletes the words; rejecting does the reverse.
 * One transaction holds the ledger entry (`suggestion.accept` / `suggestion.reject`, with the words and their
 * author) and the change to the live text, attributed to the secretariat; editors receive it as any edit.
 * 404 `suggestion_not_found` for an id no pending suggestion has.
 */
export async function decideSuggestion(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  suggestionId: string,
  decision: SuggestionDecision,
): Promise<SuggestionDecisionJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const found = await findSuggestion(ctx, doc, suggestionId);
    const clause = await ctx.store.documents.clause(doc.id, found[0]!.clauseId);
    const who = authorize(actor, 'suggestion.decide', {
      stage: doc.stage,
      ...(clause ? { clauseStatus: clause.status } : {}),
    });
    return settle(ctx, who, doc, found, decision === 'accept' ? 'accepted' : 'rejected');
  });
}

/**
 * Accept all or reject all: every pending suggestion of the document (of one clause, with `clauseId`), as one
 * recorded decision. Suggestions in a locked clause are left as they are (its text does not move); none
 * pending is not an error, the answer lists nothing.
 */
export async function decideAllSuggestions(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: DecideAllSuggestionsRequest,
): Promise<SuggestionDecisionJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'suggestion.decide', { stage: doc.stage });
    refuseIfAdopted(doc);
    const rows = await ctx.store.documents.clauses(doc.id);
    const live = (await ctx.registry.get(doc.id))!;
    const open = (await pendingSuggestions(ctx, doc.id, live, input.clauseId)).filter((s) => {
      const row = rows.get(s.clauseId);
      return row !== undefined && !isLocked(row.status);
    });
    return settle(ctx, who, doc, open, input.decision === 'accept' ? 'accepted' : 'rejected');
  });
}

/**
 * A delegation takes its suggestion back (as rejecting it), while it may still write the text: either of its
 * members, as for an amendment. 403 `not_own_suggestion` for another delegation's.
 */
export async function withdrawSuggestion(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  suggestionId: string,
): Promise<SuggestionDecisionJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const found = await findSuggestion(ctx, doc, suggestionId);
    const clause = await ctx.store.documents.clause(doc.id, found[0]!.clauseId);
    const who = authorize(actor, 'suggestion.withdraw', {
      stage: doc.stage,
      ...(clause ? { clauseStatus: clause.status } : {}),
    });
    if (found.some((s) => s.delegation !== who.delegation)) throw HttpError.of('not_own_suggestion');
    return settle(ctx, who, doc, found, 'withdrawn');
  });
}

/** Every part of a pending suggestion (its insertion and its deletion, when it replaces words), or 404. */
async function findSuggestion(ctx: AppContext, doc: DocumentRow, suggestionId: string): Promise<SuggestionJson[]> {
  const live = await ctx.registry.get(doc.id);
  const found = live ? (await pendingSuggestions(ctx, doc.id, live)).filter((s) => s.id === suggestionId) : [];
  if (found.length === 0) throw HttpError.of('suggestion_not_found', `No pending suggestion ${suggestionId}.`);
  return found;
}

async function settle(
  ctx: AppContext,
  who: Actor,
  doc: DocumentRow,
  suggestions: SuggestionJson[],
  outcome: Outcome,
): Promise<SuggestionDecisionJson> {
  refuseIfAdopted(doc);
  const answer: SuggestionDecisionJson = { documentId: doc.id, outcome, decided: suggestions };
  if (suggestions.length === 0) return answer;
  const action =
    outcome === 'accepted' ? 'suggestion.accept' : outcome === 'rejected' ? 'suggestion.reject' : 'suggestion.withdraw';
  const ids = [...new Set(suggestions.map((s) => s.id))];
  await audit(ctx, who, action, {
    documentId: doc.id,
    subject: ids.length === 1 ? `suggestion:${ids[0]}` : null,
    payload: {
      suggestions: suggestions.map((s) => ({
        id: s.id,
        kind: s.kind,
        clause: s.clauseId,
        text: s.text,
        author: s.author?.username ?? null,
        delegation: s.delegation,
      })),
    },
  });
  // The live text changes last: nothing after it in this transaction is expected to fail.
  const byClause = new Map<string, Set<string>>();
  for (const s of suggestions) byClause.set(s.clauseId, (byClause.get(s.clauseId) ?? new Set()).add(s.id));
  await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
    for (const [clauseId, chosen] of byClause) applyOutcome(getClauseFragment(live, clauseId), chosen, outcome);
  });
  ctx.events.emit({ document: doc.id }, 'suggestion:changed', {
    documentId: doc.id,
    change: outcome,
    ids,
    required: await ctx.store.suggestionRequirements.isRequired(doc.id),
    by: who.username,
  });
  return answer;
}

/**
 * Settles the chosen suggestions' runs in a clause. A run is deleted when the outcome drops its words (an
 * accepted deletion, a rejected or withdrawn insertion), else its mark is taken off; runs are settled from the
 * end, so the offsets of those before stay true.
 */
function applyOutcome(fragment: Y.XmlFragment, chosen: Set<string>, outcome: Outcome): void {
  const runs = suggestionRuns(fragment).filter((run) => chosen.has(run.attrs.id));
  const drops = (run: SuggestionRun): boolean => (run.kind === 'deletion') === (outcome === 'accepted');
  const places = new Map<string, SuggestionRun[]>();
  const texts: Y.XmlText[] = [];
  for (const run of runs) {
    if (!texts.includes(run.text)) texts.push(run.text);
    const key = `${texts.indexOf(run.text)}:${run.index}`;
    places.set(key, [...(places.get(key) ?? []), run]);
  }
  for (const at of [...places.values()].reverse()) {
    const { text, index, length } = at[0]!;
    if (at.some(drops)) text.delete(index, length);
    else for (const run of at) text.format(index, length, { [markOf(run)]: null });
  }
}

function markOf(run: SuggestionRun): string {
  return run.kind === 'insertion' ? 'suggestion' : 'suggestion_deletion';
}
