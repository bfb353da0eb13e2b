import { z } from 'zod';
import type { SuggestionKind } from '../editor/suggestions.js';
import { idSchema } from './documents.js';

/**
 * Suggestion mode (docs/negotiation.md, "Suggestion mode"): words typed as suggestions and words suggested
 * for deletion, marked in the live text with their author and delegation, accepted or rejected by the
 * secretariat (one by one or all at once) and withdrawn by their author, each as a recorded command.
 */

export const SUGGESTION_DECISIONS = ['accept', 'reject'] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];

/** `POST /api/documents/:id/suggestions/:suggestionId/decision` (secretariat). */
export const suggestionDecisionRequest = z.object({ decision: z.enum(SUGGESTION_DECISIONS) });
export type SuggestionDecisionRequest = z.infer<typeof suggestionDecisionRequest>;

/** `POST /api/documents/:id/suggestions/decision` (secretariat): every pending suggestion, or one clause's. */
export const decideAllSuggestionsRequest = z.object({
  decision: z.enum(SUGGESTION_DECISIONS),
  clauseId: idSchema.optional(),
});
export type DecideAllSuggestionsRequest = z.infer<typeof decideAllSuggestionsRequest>;

/** `POST /api/documents/:id/suggestions/requirement` (secretariat): whether the delegations must suggest. */
export const suggestionRequirementRequest = z.object({ required: z.boolean() });
export type SuggestionRequirementRequest = z.infer<typeof suggestionRequirementRequest>;

/** `GET /api/documents/:id/suggestions` filter: one clause's suggestions. */
export const suggestionListQuery = z.object({ clauseId: idSchema.optional() });

/** One pending suggestion: an insertion or a deletion (a replacement is both, under one id). */
export interface SuggestionJson {
  id: string;
  kind: SuggestionKind;
  clauseId: string;
  /** The clause's short reference ("OP3"). */
  ref: string;
  /** The words it inserts or would delete. */
  text: string;
  /** Its author, as the text names them (null when the account is gone). */
  author: { username: string; displayName: string } | null;
  delegation: string | null;
}

export interface SuggestionListJson {
  documentId: string;
  /** Whether the delegations must write as suggestions on this document. */
  required: boolean;
  suggestions: SuggestionJson[];
}

/** What a decision did: the suggestions it settled, as they were. */
export interface SuggestionDecisionJson {
  documentId: string;
  outcome: 'accepted' | 'rejected' | 'withdrawn';
  decided: SuggestionJson[];
}

/** `suggestion:changed`, to the document's room: suggestions decided, or the requirement changed. */
export interface SuggestionsChanged {
  documentId: string;
  change: 'accepted' | 'rejected' | 'withdrawn' | 'requirement';
  /** Ids of the suggestions settled (none for a change of the requirement). */
  ids: string[];
  required: boolean;
  by: string;
}
