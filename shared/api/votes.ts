import { z } from 'zod';
import {
  BALLOT_CHOICES,
  VOTE_RULES,
  isValidQuorum,
  type BallotChoice,
  type Counts,
  type VoteResult,
  type VoteRule,
} from '../domain/tally.js';
import { idSchema } from './documents.js';
import { iso3Schema } from './admin.js';
import { ENDORSEMENT_KINDS, type EndorsementKind } from '../domain/endorsements.js';
export { ENDORSEMENT_KINDS, type EndorsementKind } from '../domain/endorsements.js';

/** What a vote decides on: one amendment, one clause, or the whole declaration. */
export const VOTE_SUBJECT_TYPES = ['amendment', 'clause', 'document'] as const;
export type VoteSubjectType = (typeof VOTE_SUBJECT_TYPES)[number];

/**
 * Where a vote stands: `open` while delegations vote, `closed` once the chair closed it (with its frozen
 * result), `lapsed` when the text was adopted while it was still open (it decided nothing: no result).
 */
export const VOTE_STATUSES = ['open', 'closed', 'lapsed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/** When an explanation of vote is given: before the vote is taken (while it is open) or after it closed. */
export const EXPLANATION_TIMINGS = ['before', 'after'] as const;
export type ExplanationTiming = (typeof EXPLANATION_TIMINGS)[number];

/** Longest explanation of vote or reservation statement accepted. */
export const STATEMENT_MAX_LENGTH = 4000;

/**
 * `POST /api/documents/:id/votes` (public contract). The subject's `id` is required for an amendment or a
 * clause; for the whole document it may be omitted or must be the document's own id. The quorum must come to
 * at least one and at most all of the delegations registered now (400 otherwise); the vote keeps that count.
 * A vote on the whole text answers 409 `needs_acknowledgement` while the text is unfinished, unless
 * `acknowledge` is true (see `NeedsAcknowledgementBody` in `shared/api/documents.ts`); other subjects ignore it.
 */
export const openVoteRequest = z
  .object({
    subject: z.object({ type: z.enum(VOTE_SUBJECT_TYPES), id: idSchema.optional() }),
    rule: z.enum(VOTE_RULES),
    quorum: z
      .number()
      .refine(
        isValidQuorum,
        'use a share of the registered delegations in (0, 1] or a whole number of delegations above 1',
      )
      .optional(),
    acknowledge: z.boolean().optional(),
    /** A recorded vote by roll call: the first State is drawn by lot, the others follow in English order. */
    rollCall: z.boolean().optional(),
  })
  .refine((v) => v.subject.type === 'document' || v.subject.id !== undefined, {
    message: 'an amendment or clause vote names its subject',
    path: ['subject', 'id'],
  });
export type OpenVoteRequest = z.infer<typeof openVoteRequest>;

/**
 * `POST /api/votes/:id/ballots` (public contract). `delegation` may be given and must then be the caster's
 * own; a ballot is always the delegation's, never the person's.
 */
export const castBallotRequest = z.object({
  choice: z.enum(BALLOT_CHOICES),
  delegation: iso3Schema.optional(),
});
export type CastBallotRequest = z.infer<typeof castBallotRequest>;

/** `POST /api/votes/:id/explanations` — by the delegation's head or its alternate; replaces an earlier one of the same timing. */
export const explanationRequest = z.object({
  text: z.string().trim().min(1).max(STATEMENT_MAX_LENGTH),
  when: z.enum(EXPLANATION_TIMINGS),
});
export type ExplanationRequest = z.infer<typeof explanationRequest>;

/** `POST /api/documents/:id/endorsements` (public contract). A reservation needs its statement. */
export const endorsementRequest = z
  .object({
    kind: z.enum(ENDORSEMENT_KINDS),
    statement: z.string().trim().max(STATEMENT_MAX_LENGTH).optional(),
  })
  .refine((v) => v.kind !== 'endorse_with_reservation' || (v.statement ?? '').length > 0, {
    message: 'an endorsement with a reservation states the reservation',
    path: ['statement'],
  });
export type EndorsementRequest = z.infer<typeof endorsementRequest>;

/** `POST /api/documents/:id/now-discussing` — the chair points everyone at a clause, or at nothing. */
export const nowDiscussingRequest = z.object({ clauseId: idSchema.nullable() });

/** `POST /api/delegations/:code/alternate` — the head names a delegate of the delegation, or clears it. */
export const alternateRequest = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64).nullable(),
});

/** One delegation's ballot. */
export interface BallotJson {
  delegation: string;
  choice: BallotChoice;
  /** When the ballot was last cast or changed. */
  castAt: string;
  /** How many times the delegation changed its choice. */
  changes: number;
}

export interface ExplanationJson {
  delegation: string;
  when: ExplanationTiming;
  text: string;
  at: string;
}

/**
 * `GET /api/votes/:id` (public contract, extended). While the vote is open, `ballots` holds only what the
 * reader may see (the chair: all; a delegation's members: their own; others: none), and `voted` says which
 * delegations have cast, without their choices. Once closed, every ballot is public: the recorded vote.
 */
export interface VoteJson {
  id: string;
  documentId: string;
  subject: { type: VoteSubjectType; id: string };
  rule: VoteRule;
  /** As the chair set it (share or number of delegations); null when only one delegation is needed. */
  quorum: number | null;
  /** Delegations registered when the vote opened: its quorum's base (null for votes opened before it was kept). */
  registered: number | null;
  status: VoteStatus;
  openedAt: string;
  /** When the vote was closed, or lapsed. */
  closedAt: string | null;
  /** The frozen result, present once closed (never for a lapsed vote). */
  result?: VoteResult;
  ballots: BallotJson[];
  /** Delegations that have cast a ballot, by code. */
  voted: string[];
  /**
   * A roll-call vote's calling order (ISO codes), the State drawn by lot first (`shared/domain/rollCall.ts`);
   * absent for a vote without a roll call.
   */
  rollCall?: string[];
  explanations: ExplanationJson[];
}

/** `POST /api/votes/:id/close`: the frozen result's fields (outcome, counts), with the closed vote beside them. */
export type CloseVoteResponse = VoteJson & VoteResult;

/** `GET /api/documents/:id/votes` */
export interface VoteList {
  votes: VoteJson[];
}

export interface EndorsementJson {
  delegation: string;
  kind: EndorsementKind;
  statement: string | null;
  recordedAt: string;
}

/** `GET /api/documents/:id/endorsements` */
export interface EndorsementList {
  documentId: string;
  endorsements: EndorsementJson[];
}

/** `GET /api/documents/:id/now-discussing` */
export interface NowDiscussing {
  documentId: string;
  clauseId: string | null;
  /** Username of whoever set it; null when never set. */
  by: string | null;
  at: string | null;
}

/** `GET /api/delegations/:code/alternate` */
export interface AlternateJson {
  delegation: string;
  /** The alternate's username, or null. */
  alternate: string | null;
  /** Who may be designated (the delegation's delegates, by username); only for the delegation's members. */
  candidates?: { username: string; displayName: string }[];
}

/** Socket event: who has voted so far (never their choices), to everyone following the document. */
export interface VoteProgress {
  documentId: string;
  voteId: string;
  voted: string[];
}

/** Socket event: a delegation's ballot with its choice, only to the chair and to that delegation's members. */
export interface BallotCast {
  documentId: string;
  voteId: string;
  ballot: BallotJson;
  by: string;
}

/** Socket event: the running tally with the ballot that moved it, only to the chair. */
export interface LiveTally {
  documentId: string;
  voteId: string;
  ballot: BallotJson;
  counts: Counts;
}

/** Socket event: a vote opened or closed (with its frozen result and recorded ballots when closed). */
export interface VoteChanged {
  vote: VoteJson;
}

export interface ExplanationAdded {
  documentId: string;
  voteId: string;
  explanation: ExplanationJson;
}

export type EndorsementsChanged = EndorsementList;

export type NowDiscussingChanged = NowDiscussing;

export type AlternateChanged = AlternateJson;
