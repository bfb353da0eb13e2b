import { idSchema } from './documents.js';
import {
  bracketListQuery,
  createBracketRequest,
  resolveBracketRequest,
  setAlternativesRequest,
  type BracketJson,
} from './brackets.js';
import { route } from './route.js';

const id = { id: idSchema };

/**
 * Bracketed text and alternatives (docs/negotiation.md, "Brackets"). Part of `ROUTES` (routes.ts), kept in a
 * table of their own. Every command answers the bracket as it now stands.
 */
export const BRACKET_ROUTES = {
  /** 201 with the bracket (`bracket.create`). */
  createBracket: route('POST', '/api/documents/:id/brackets', {
    params: id,
    body: createBracketRequest,
  }).returns<BracketJson>(),
  /** The document's brackets, open ones by default, in document order. */
  brackets: route('GET', '/api/documents/:id/brackets', { params: id, query: bracketListQuery }).returns<{
    brackets: BracketJson[];
  }>(),
  setAlternatives: route('POST', '/api/brackets/:id/alternatives', {
    params: id,
    body: setAlternativesRequest,
  }).returns<BracketJson>(),
  resolveBracket: route('POST', '/api/brackets/:id/resolve', {
    params: id,
    body: resolveBracketRequest,
  }).returns<BracketJson>(),
} as const;
