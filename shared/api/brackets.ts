import { z } from 'zod';
import { SPAN_TEXT_MAX, amendmentSpan } from './amendments.js';
import { ALTERNATIVES_MAX, SPONSORS_MAX } from '../domain/brackets.js';
export { ALTERNATIVES_MAX, SPONSORS_MAX, alternativeLabel } from '../domain/brackets.js';

/**
 * Bracketed text and alternatives (docs/negotiation.md, "Brackets"). In UN practice square brackets mark
 * wording not yet agreed; alternatives offered for one place are printed "[Alt A: …] [Alt B: …]", each with
 * the delegations that proposed it. A bracket is anchored on words of one clause exactly as an amendment on a
 * span is (two Yjs relative positions and the words quoted), so it follows them through edits elsewhere.
 */

const delegationCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code');

/** One alternative as sent: its words (plain text, one line) and the delegations proposing it. */
export const alternativeInput = z.object({
  text: z.string().trim().min(1).max(SPAN_TEXT_MAX),
  sponsors: z
    .array(delegationCode)
    .max(SPONSORS_MAX)
    .refine((codes) => new Set(codes).size === codes.length, 'a delegation is named once')
    .optional(),
});
export type AlternativeInput = z.infer<typeof alternativeInput>;

/** None (plain brackets around the words) or two to `ALTERNATIVES_MAX`: one alternative is no choice. */
const alternativeList = z
  .array(alternativeInput)
  .max(ALTERNATIVES_MAX)
  .refine((list) => list.length !== 1, 'alternatives come two or more at a time (or none: plain brackets)');

/**
 * `POST /api/documents/:id/brackets`: brackets the words of `span` (never empty, within one paragraph); with
 * `alternatives`, offers those for the place instead (labelled A, B… in the order given). The server checks
 * the span against the live text (400 `span_invalid`, `span_multiline`, `span_empty`).
 */
export const createBracketRequest = z.object({
  clauseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  span: amendmentSpan,
  alternatives: alternativeList.optional(),
});
export type CreateBracketRequest = z.infer<typeof createBracketRequest>;

/** `POST /api/brackets/:id/alternatives`: the bracket's alternatives as they shall now stand (none, or 2+). */
export const setAlternativesRequest = z.object({ alternatives: alternativeList });
export type SetAlternativesRequest = z.infer<typeof setAlternativesRequest>;

/** How a bracket is resolved: its brackets removed (the words stay), its words deleted, or one alternative chosen. */
export const BRACKET_RESOLUTIONS = ['remove', 'delete', 'choose'] as const;
export type BracketResolution = (typeof BRACKET_RESOLUTIONS)[number];

/** `POST /api/brackets/:id/resolve` (secretariat): one recorded action; `choose` names the alternative's label. */
export const resolveBracketRequest = z.discriminatedUnion('resolution', [
  z.object({ resolution: z.literal('remove') }),
  z.object({ resolution: z.literal('delete') }),
  z.object({ resolution: z.literal('choose'), label: z.string().regex(/^[A-H]$/, 'expected a label A to H') }),
]);
export type ResolveBracketRequest = z.infer<typeof resolveBracketRequest>;

/** `GET /api/documents/:id/brackets` filters: open ones by default. */
export const bracketListQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).optional(),
  clauseId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export interface AlternativeJson {
  label: string;
  text: string;
  /** ISO 3166-1 alpha-3 codes, in the order given. */
  sponsors: string[];
}

export interface BracketJson {
  id: string;
  documentId: string;
  clauseId: string;
  /** The clause's reference today ("OP3"), or null once it left the text. */
  clauseRef: string | null;
  status: 'open' | 'resolved';
  /** The words bracketed, as they were when the brackets were placed. */
  quote: string;
  /** The words between the brackets today ('' when they no longer resolve). */
  currentQuote: string;
  /** Offsets of those words in today's clause text (paragraphs joined by one newline); null once gone. */
  range: [number, number] | null;
  /** None for plain brackets; else two or more, labelled A, B… */
  alternatives: AlternativeJson[];
  resolution: {
    kind: BracketResolution;
    /** The alternative chosen (`choose`). */
    label: string | null;
    /** The words the place holds since (the chosen alternative, the words kept, or '' when deleted). */
    text: string;
    by: string;
    byName: string;
    at: string;
  } | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

/** `bracket:changed` to the document's room: the bracket as every reader sees it. */
export interface BracketChanged {
  documentId: string;
  clauseId: string;
  bracketId: string;
  change: 'created' | 'alternatives' | 'resolved';
  by: string;
  bracket: BracketJson;
}

/**
 * A bracket printed in UN style over `words` (its words today): "[words]", or for alternatives
 * "[Alt A (KAZ, FRA): words] [Alt B: other words]". Exports print it so; the client shows the same.
 */
export function bracketWording(alternatives: readonly AlternativeJson[], words: string): string {
  if (alternatives.length === 0) return `[${words}]`;
  return alternatives
    .map((a) => `[Alt ${a.label}${a.sponsors.length ? ` (${a.sponsors.join(', ')})` : ''}: ${a.text}]`)
    .join(' ');
}
