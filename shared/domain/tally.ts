import type { Actor } from './roles.js';

/**
 * The counting rules of a recorded vote, as plain functions: the server decides with them when the chair
 * closes a vote, and the client uses them to explain what a rule means. One ballot per State.
 */

/** How a vote is decided. */
export const VOTE_RULES = ['consensus', 'simple_majority', 'two_thirds'] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

/** What a delegation may answer. An abstention is taking part without voting. */
export const BALLOT_CHOICES = ['yes', 'no', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];

/** The frozen outcome of a closed vote. */
export const VOTE_OUTCOMES = ['adopted', 'not_adopted', 'no_quorum'] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

/** One State's ballot, as counted. */
export interface CountedBallot {
  /** ISO 3166-1 alpha-3 code of the delegation. */
  delegation: string;
  choice: BallotChoice;
}

/** The counts of a vote, without a decision (the running tally the chair sees). */
export interface Counts {
  yes: number;
  no: number;
  abstain: number;
  /** Delegations that cast any ballot, abstentions included. */
  present: number;
}

/** The decided result, frozen when the vote closes. */
export interface VoteResult extends Counts {
  outcome: VoteOutcome;
  /**
   * The delegations the meeting's roll recorded present when the vote closed (ISO codes, sorted), when a roll
   * was taken: `present` then counts them and every delegation that voted. Absent without a roll.
   */
  roll?: string[];
  /** Delegations registered when the vote opened (for votes opened before that was kept: when it closed). */
  registered: number;
  /** Delegations that had to take part for the vote to count. */
  required: number;
}

/**
 * A quorum is either a share of the registered delegations, a number in (0, 1] (0.5 = half of them,
 * rounded up), or an absolute number of delegations, an integer above 1. Anything else is refused.
 */
export function isValidQuorum(quorum: number): boolean {
  if (!Number.isFinite(quorum) || quorum <= 0) return false;
  return quorum <= 1 || Number.isInteger(quorum);
}

/**
 * Why `quorum` cannot be set on a vote among `registered` delegations, as a sentence naming the numbers, or
 * null when it can. A quorum must come to at least one delegation (a share times the registered count, before
 * rounding up: 1e-300 or 0.01 of 40 is a slip, not a quorum) and at most all of them. The count is the one
 * registered when the vote opens; the vote keeps it, and its close counts against it.
 */
export function quorumProblem(quorum: number, registered: number): string | null {
  if (!isValidQuorum(quorum)) return `${quorum} is neither a share in (0, 1] nor a whole number of delegations`;
  const delegations = quorum <= 1 ? quorum * registered : quorum;
  // The tolerance absorbs binary rounding (1/3 of 3 is 0.9999999999999999).
  if (delegations < 1 - 1e-9)
    return `${quorum} of the ${registered} registered delegations comes to less than one delegation`;
  if (delegations > registered) return `${quorum} is more than the ${registered} registered delegations`;
  return null;
}

/**
 * How many delegations must take part. Without a quorum one is enough: a vote in which no delegation took
 * part has decided nothing, whatever its rule. Throws `RangeError` for an invalid quorum or count.
 */
export function requiredParticipants(quorum: number | null | undefined, registered: number): number {
  if (!Number.isInteger(registered) || registered < 0)
    throw new RangeError(`registered must be a non-negative integer, got ${registered}`);
  if (quorum === null || quorum === undefined) return 1;
  if (!isValidQuorum(quorum))
    throw new RangeError(`Invalid quorum ${quorum}: use a share in (0, 1] or a whole number of delegations`);
  // A share of exactly 1 means every registered delegation, not "one delegation".
  const needed = quorum <= 1 ? Math.ceil(quorum * registered - 1e-9) : quorum;
  return Math.max(1, needed);
}

/** Counts ballots by State. Throws `RangeError` when a delegation appears twice: one State, one ballot. */
export function countBallots(ballots: readonly CountedBallot[]): Counts {
  const seen = new Set<string>();
  const counts: Counts = { yes: 0, no: 0, abstain: 0, present: 0 };
  for (const ballot of ballots) {
    if (seen.has(ballot.delegation)) throw new RangeError(`Delegation ${ballot.delegation} has more than one ballot`);
    if (!(BALLOT_CHOICES as readonly string[]).includes(ballot.choice))
      throw new RangeError(`Invalid choice ${String(ballot.choice)}`);
    seen.add(ballot.delegation);
    counts[ballot.choice] += 1;
    counts.present += 1;
  }
  return counts;
}

/**
 * Whether the rule carries, on counts that met the quorum. Abstentions are not votes: majorities are of
 * those present and voting (yes + no), and a tie fails.
 * - consensus: adopted unless any delegation objects (votes no);
 * - simple majority: more yes than no;
 * - two-thirds: yes at least two thirds of yes + no, with at least one vote cast.
 */
export function carries(rule: VoteRule, counts: Pick<Counts, 'yes' | 'no'>): boolean {
  const { yes, no } = counts;
  switch (rule) {
    case 'consensus':
      return no === 0;
    case 'simple_majority':
      return yes > no;
    case 'two_thirds':
      // Integers only: 3·yes ≥ 2·(yes + no) avoids rounding 2/3.
      return yes + no > 0 && 3 * yes >= 2 * (yes + no);
  }
}

/** Options of a tally: the quorum as the chair set it, and the number of registered delegations. */
export interface TallyOptions {
  quorum?: number | null;
  registered: number;
  /**
   * The delegations the roll records present, when one was taken. Present are then those on the roll and any
   * that voted without being on it (a State that casts a ballot is in the room); the quorum is counted on them.
   * Without a roll, present are those that cast a ballot, abstentions included.
   */
  roll?: readonly string[] | null;
}

/** Present under a roll: the delegations on it and those that voted, each once. */
export function presentWithRoll(roll: readonly string[], ballots: readonly CountedBallot[]): number {
  return new Set([...roll, ...ballots.map((b) => b.delegation)]).size;
}

/** The result of a vote: counts by State, then quorum, then the rule. */
export function tally(rule: VoteRule, ballots: readonly CountedBallot[], options: TallyOptions): VoteResult {
  const counts = countBallots(ballots);
  const roll = options.roll ? [...new Set(options.roll)].sort() : null;
  if (roll) counts.present = presentWithRoll(roll, ballots);
  const required = requiredParticipants(options.quorum, options.registered);
  let outcome: VoteOutcome;
  if (counts.present < required) outcome = 'no_quorum';
  else outcome = carries(rule, counts) ? 'adopted' : 'not_adopted';
  return { outcome, ...counts, registered: options.registered, required, ...(roll ? { roll } : {}) };
}

/**
 * Whether a reader sees a ballot's choice. Once the vote is closed every choice is public (the recorded
 * vote); while it is open, only the chair and the members of the delegation that cast it do. Everyone sees
 * who has voted.
 */
export function choiceVisible(
  reader: Pick<Actor, 'role' | 'delegation'>,
  voteClosed: boolean,
  ballotDelegation: string,
): boolean {
  if (voteClosed) return true;
  if (reader.role === 'chair') return true;
  return reader.delegation !== null && reader.delegation === ballotDelegation;
}
