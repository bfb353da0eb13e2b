import { z } from 'zod';
import type { BoundedDiff, WordDiff } from '../domain/wordDiff.js';
import { ANCHOR_QUOTE_MAX, commentAnchor } from './comments.js';
import {
  AMENDMENT_KINDS,
  AMENDMENT_STATUSES,
  type AmendmentKind,
  type AmendmentStatus,
  type SpanAction,
} from '../domain/amendments.js';
export {
  AMENDMENT_KINDS,
  AMENDMENT_STATUSES,
  FINAL_AMENDMENT_STATUSES,
  isPending,
  spanAction,
  type AmendmentKind,
  type AmendmentStatus,
  type SpanAction,
} from '../domain/amendments.js';

/** How finely an amendment's diff marks changes (see `boundedWordDiff`). */
export type DiffGranularity = BoundedDiff['granularity'];

/** Longest rationale or decision note. */
export const AMENDMENT_NOTE_MAX = 4_000;

const delegationCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code');

/** Longest proposed text of an amendment on a span (its words replace the span's, inside one paragraph). */
export const SPAN_TEXT_MAX = ANCHOR_QUOTE_MAX;

/**
 * The words of a clause an amendment on a span changes: two Yjs relative positions over the clause's fragment
 * (as a comment's anchor, `commentAnchor`), so the span follows its words through edits elsewhere in the
 * clause, and the words quoted when it was proposed. An empty quote (`start` and `end` at one place) is a
 * caret: the amendment inserts its words there. A span lies inside one paragraph of the clause.
 */
export const amendmentSpan = commentAnchor;
export type AmendmentSpan = z.infer<typeof amendmentSpan>;

/**
 * `POST /api/documents/:id/amendments`. `text` is the light markup (shared/editor/markup.ts) and is required
 * for `replace` and `insert_after`, refused for `delete`. `delegation`, when given, must be the proposer's own.
 * Its length is the server's to judge against the text limits in force (413 `clause_too_long`,
 * `document_too_long`), not this schema's.
 *
 * With `span`, the amendment changes only those words: `replace` puts `text` (plain words, one line, at most
 * `SPAN_TEXT_MAX` characters, else 413 `span_text_too_long`) in their place (an empty span: inserts it
 * there), `delete` removes them; `insert_after` takes no span. The server checks the span against the live
 * text (400 `span_invalid`, `span_multiline`, `span_empty`).
 */
export const proposeAmendmentRequest = z
  .object({
    clauseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    kind: z.enum(AMENDMENT_KINDS),
    text: z.string().optional(),
    rationale: z.string().trim().min(1).max(AMENDMENT_NOTE_MAX),
    delegation: delegationCode.optional(),
    span: amendmentSpan.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.span && value.kind === 'insert_after') {
      ctx.addIssue({
        code: 'custom',
        path: ['span'],
        message: 'an insert_after amendment adds a clause: it takes no span',
      });
    }
    const hasText = value.text !== undefined && value.text.trim() !== '';
    if (value.kind !== 'delete' && !hasText) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `a ${value.kind} amendment needs the proposed text` });
    }
    if (value.kind === 'delete' && hasText) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a delete amendment proposes no text' });
    }
  });
export type ProposeAmendmentRequest = z.infer<typeof proposeAmendmentRequest>;

/**
 * `POST /api/amendments/:id/decision` (secretariat). Accepting an amendment whose clause changed since it was
 * written is refused (409 `amendment_stale`) unless `acceptStale` says the secretariat saw today's diff.
 */
export const amendmentDecisionRequest = z.object({
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(AMENDMENT_NOTE_MAX).optional(),
  acceptStale: z.boolean().optional(),
});
export type AmendmentDecisionRequest = z.infer<typeof amendmentDecisionRequest>;

/** `GET /api/documents/:id/amendments` query filters. */
export const amendmentListQuery = z.object({
  clauseId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  status: z.enum([...AMENDMENT_STATUSES, 'pending']).optional(),
  delegation: delegationCode.optional(),
});

/** A co-sponsoring delegation, in order of joining. */
export interface SponsorJson {
  delegation: string;
  joinedAt: string;
}

/** One amendment as the API presents it. */
export interface AmendmentJson {
  id: string;
  documentId: string;
  clauseId: string;
  /** The clause's current reference ("OP3"), or null once the clause left the text. */
  clauseRef: string | null;
  kind: AmendmentKind;
  /** Proposed text in the light markup (null for a deletion) and as plain text. */
  text: string | null;
  textPlain: string | null;
  rationale: string;
  delegation: string;
  proposer: { username: string; displayName: string };
  cosponsors: SponsorJson[];
  status: AmendmentStatus;
  /** The clause text the amendment was written against. */
  baseText: string;
  /** True when the clause's text has changed since; `diffCurrent` then shows the change against today's text. */
  stale: boolean;
  /** True when the clause is no longer part of the text. */
  clauseDeleted: boolean;
  /** Word diff of the proposal against the base text (a deletion: everything deleted). */
  diff: WordDiff;
  /**
   * `words` when `diff` marks every changed word; `replacement` when telling them apart would cost too much
   * (long, heavily rewritten texts) and the changed passage is shown as one deletion and one insertion.
   */
  diffGranularity: DiffGranularity;
  /** Word diff against today's clause text, present when stale. */
  diffCurrent?: WordDiff;
  /** The granularity of `diffCurrent`, present with it. */
  diffCurrentGranularity?: DiffGranularity;
  /**
   * For an amendment on a span: the span as proposed (`quote`), its words today (`currentQuote`, empty once
   * they are gone) and where they are in today's clause text (`range`, offsets over its paragraphs joined by
   * one newline; null once the span no longer resolves). Null for a whole-clause amendment. `diff` is then the
   * clause's word diff with the span applied, and, when stale, `diffCurrent` today's clause against today's
   * clause with the words now at the span replaced (what accepting it now would do; absent when the span is no
   * longer found). `quote` against `currentQuote` says what changed in the span.
   */
  span: {
    action: SpanAction;
    quote: string;
    currentQuote: string;
    range: [number, number] | null;
  } | null;
  /** Other pending amendments that change or delete the same words (the same clause, or overlapping spans). */
  conflictsWith: string[];
  decision: { note: string | null; by: string | null; at: string | null } | null;
  applied: boolean;
  newClauseId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/documents/:id/amendments` → 201. */
export interface ProposeAmendmentResponse {
  id: string;
  status: 'submitted';
}
