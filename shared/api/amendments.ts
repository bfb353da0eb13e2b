import { z } from 'zod';
import type { BoundedDiff, WordDiff } from '../domain/wordDiff.js';

/** How finely an amendment's diff marks changes (see `boundedWordDiff`). */
export type DiffGranularity = BoundedDiff['granularity'];

/** What an amendment does to its clause. */
export const AMENDMENT_KINDS = ['replace', 'insert_after', 'delete'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/**
 * Lifecycle: submitted → withdrawn | accepted | rejected | put_to_vote → adopted | not_adopted. Only a
 * `submitted` amendment can be co-sponsored, withdrawn, decided or put to a vote. One still submitted or put
 * to a vote when the text is adopted becomes `lapsed`: it was never decided.
 */
export const AMENDMENT_STATUSES = [
  'submitted',
  'withdrawn',
  'accepted',
  'rejected',
  'put_to_vote',
  'adopted',
  'not_adopted',
  'lapsed',
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Statuses after which nothing more happens to an amendment. */
export const FINAL_AMENDMENT_STATUSES: readonly AmendmentStatus[] = [
  'withdrawn',
  'accepted',
  'rejected',
  'adopted',
  'not_adopted',
  'lapsed',
];

/** True while an amendment still awaits a decision (the chair's "still to decide" list). */
export function isPending(status: AmendmentStatus): boolean {
  return status === 'submitted' || status === 'put_to_vote';
}

/** Longest rationale or decision note. */
export const AMENDMENT_NOTE_MAX = 4_000;

const delegationCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code');

/**
 * `POST /api/documents/:id/amendments`. `text` is the light markup (shared/editor/markup.ts) and is required
 * for `replace` and `insert_after`, refused for `delete`. `delegation`, when given, must be the proposer's own.
 * Its length is the server's to judge against the text limits in force (413 `clause_too_long`,
 * `document_too_long`), not this schema's.
 */
export const proposeAmendmentRequest = z
  .object({
    clauseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    kind: z.enum(AMENDMENT_KINDS),
    text: z.string().optional(),
    rationale: z.string().trim().min(1).max(AMENDMENT_NOTE_MAX),
    delegation: delegationCode.optional(),
  })
  .superRefine((value, ctx) => {
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
  /** Other pending amendments that change or delete the same clause. */
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
