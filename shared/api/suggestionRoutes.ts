import { idSchema } from './documents.js';
import {
  decideAllSuggestionsRequest,
  suggestionDecisionRequest,
  suggestionListQuery,
  suggestionRequirementRequest,
  type SuggestionDecisionJson,
  type SuggestionListJson,
} from './suggestions.js';
import { route } from './route.js';

const id = { id: idSchema };
const one = { id: idSchema, suggestionId: idSchema };

/** Suggestion mode (docs/negotiation.md, "Suggestion mode"). Part of `ROUTES` (routes.ts). */
export const SUGGESTION_ROUTES = {
  /** The pending suggestions in the order of the text, and whether they are required (readers). */
  suggestions: route('GET', '/api/documents/:id/suggestions', {
    params: id,
    query: suggestionListQuery,
  }).returns<SuggestionListJson>(),
  /** `suggestion.require`. */
  setSuggestionRequirement: route('POST', '/api/documents/:id/suggestions/requirement', {
    params: id,
    body: suggestionRequirementRequest,
  }).returns<{ documentId: string; required: boolean }>(),
  /** Accept or reject every pending suggestion (of one clause, with `clauseId`): `suggestion.decide`. */
  decideAllSuggestions: route('POST', '/api/documents/:id/suggestions/decision', {
    params: id,
    body: decideAllSuggestionsRequest,
  }).returns<SuggestionDecisionJson>(),
  /** `suggestion.decide`. */
  decideSuggestion: route('POST', '/api/documents/:id/suggestions/:suggestionId/decision', {
    params: one,
    body: suggestionDecisionRequest,
  }).returns<SuggestionDecisionJson>(),
  /** Its delegation takes it back (`suggestion.withdraw`): as rejecting it. */
  withdrawSuggestion: route('POST', '/api/documents/:id/suggestions/:suggestionId/withdraw', {
    params: one,
  }).returns<SuggestionDecisionJson>(),
} as const;
