import type { SessionUser } from '../../shared/api/auth.js';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { FloorJson } from '../../shared/api/floor.js';
import type { RollJson } from '../../shared/api/roll.js';
import type { SilenceJson } from '../../shared/api/silence.js';
import type { AlternateJson, BallotJson, EndorsementList, VoteJson } from '../../shared/api/votes.js';
import type { Actions } from '../api/actions.js';
import { clockOffset, newerFloor } from '../api/floor.js';
import type { BallotReceipt } from '../api/ledger.js';
import { upsertVote, withBallot, withLapsed } from '../api/voteReducers.js';
import { keptSilence } from '../components/silenceFeed.js';
import type { VotingData } from './votingCommon.js';

/**
 * The delegation page's state and what each event does to it (DelegationView.tsx draws it): pure, with unit
 * tests. The votes change in place from what the events bring; a new stage, or the page back in the document's
 * room after a dropped connection, marks it stale and it is read again. A change of the votes heard while the
 * page is being read is kept and applied again to what the read brings back, which may predate it.
 */
export interface DelegationState {
  /** The delegation's code: only its own ballots are taken. */
  code: string;
  data: VotingData;
  alternate: AlternateJson;
  endorsements: EndorsementList;
  /** The floor, the roll and the silence procedure, or null while unknown (or, for the last two, none yet). */
  floor: FloorJson | null;
  /** How far the server's clock is ahead of this browser's, in ms, as of the floor's last arrival. */
  floorOffset: number;
  roll: RollJson | null;
  silence: SilenceJson | null;
  /** The delegation's ballot receipts fetched so far, by vote. */
  receipts: Readonly<Record<string, BallotReceipt>>;
  /** What the page's live region says last (an action's outcome, a result). */
  said: string;
  /** A read of the page is under way; the vote events heard meanwhile, to apply to what it brings. */
  reading: VoteEvent[] | null;
  /** What is shown is out of date: the page is to be read again. */
  stale: boolean;
}

/** What the delegation's page reads: the votes with the document, the alternate, everyone's endorsements. */
export interface DelegationRead {
  data: VotingData;
  endorsements: EndorsementList;
  floor?: FloorJson | null;
  roll?: RollJson | null;
  silence?: SilenceJson | null;
}

/** A change of the votes: from the document's events, or the answer to the delegation's own ballot. */
export type VoteEvent =
  /** `subject`: the clause's text or the amendment as they stand now, read before the vote is shown. */
  | { type: 'vote:opened'; vote: VoteJson; subject?: { doc?: DocumentJson; amendment?: AmendmentJson } }
  | { type: 'vote:ballot'; voteId: string; ballot: BallotJson }
  | { type: 'vote:progress'; voteId: string; voted: string[] }
  | { type: 'vote:closed'; vote: VoteJson }
  | { type: 'vote:lapsed'; vote: VoteJson };

export type DelegationEvent =
  | VoteEvent
  | { type: 'endorsements'; list: EndorsementList }
  | { type: 'alternate'; alternate: Partial<AlternateJson> }
  /** `receivedAt`: this browser's clock when it arrived, for the speaker's clock. */
  | { type: 'floor'; floor: FloorJson; receivedAt: number }
  | { type: 'roll'; roll: RollJson | null }
  | { type: 'silence'; silence: SilenceJson | null }
  | { type: 'receipt'; voteId: string; receipt: BallotReceipt }
  | { type: 'said'; message: string }
  /** The stage moved, or the page is back in the document's room after a dropped connection. */
  | { type: 'stale' }
  | { type: 'reading' }
  | ({ type: 'read'; receivedAt: number } & DelegationRead)
  | { type: 'read-failed' };

export function delegationStart(
  code: string,
  read: DelegationRead & { alternate: AlternateJson },
  receivedAt = Date.now(),
): DelegationState {
  const start: DelegationState = {
    code,
    data: read.data,
    alternate: read.alternate,
    endorsements: read.endorsements,
    floor: null,
    floorOffset: 0,
    roll: read.roll ?? null,
    silence: read.silence ?? null,
    receipts: {},
    said: '',
    reading: null,
    stale: false,
  };
  return read.floor ? delegationReducer(start, { type: 'floor', floor: read.floor, receivedAt }) : start;
}

export function delegationReducer(state: DelegationState, event: DelegationEvent): DelegationState {
  switch (event.type) {
    case 'vote:opened':
    case 'vote:ballot':
    case 'vote:progress':
    case 'vote:closed':
    case 'vote:lapsed':
      return {
        ...state,
        data: withVoteEvent(state.data, event, state.code),
        reading: state.reading && [...state.reading, event],
      };
    case 'endorsements':
      return { ...state, endorsements: event.list };
    case 'alternate':
      return { ...state, alternate: { ...state.alternate, ...event.alternate } };
    case 'floor': {
      const floor = newerFloor(state.floor, event.floor);
      if (floor === state.floor) return state;
      return { ...state, floor, floorOffset: clockOffset(floor, event.receivedAt) };
    }
    case 'roll':
      return { ...state, roll: event.roll };
    case 'silence':
      return { ...state, silence: keptSilence(state.silence, event.silence) };
    case 'receipt':
      return { ...state, receipts: { ...state.receipts, [event.voteId]: event.receipt } };
    case 'said':
      return { ...state, said: event.message };
    case 'stale':
      return { ...state, stale: true };
    case 'reading':
      return { ...state, reading: [], stale: false };
    case 'read':
      return readLanded(state, event);
    case 'read-failed':
      return { ...state, reading: null };
  }
}

/** What a read brought, with the vote events heard while it was under way applied again over it. */
function readLanded(state: DelegationState, read: DelegationRead & { receivedAt: number }): DelegationState {
  const data = (state.reading ?? []).reduce((d, e) => withVoteEvent(d, e, state.code), read.data);
  let next: DelegationState = { ...state, data, endorsements: read.endorsements, reading: null };
  if (read.roll !== undefined) next = delegationReducer(next, { type: 'roll', roll: read.roll });
  if (read.silence !== undefined) next = delegationReducer(next, { type: 'silence', silence: read.silence });
  if (read.floor) next = delegationReducer(next, { type: 'floor', floor: read.floor, receivedAt: read.receivedAt });
  return next;
}

/** The page's data with one vote event applied; only the delegation `code`'s own ballots are taken. */
export function withVoteEvent(data: VotingData, event: VoteEvent, code: string): VotingData {
  const { votes } = data;
  switch (event.type) {
    case 'vote:opened': {
      // Closed while its subject was read: the close, which came after, stands.
      if (votes.some((v) => v.id === event.vote.id && v.status !== 'open')) return data;
      return { ...withSubject(data, event.subject), votes: upsertVote(votes, event.vote) };
    }
    case 'vote:ballot':
      if (event.ballot.delegation !== code) return data;
      return { ...data, votes: withBallot(votes, event) };
    case 'vote:progress': {
      const vote = votes.find((v) => v.id === event.voteId);
      return vote ? { ...data, votes: upsertVote(votes, { ...vote, voted: event.voted }) } : data;
    }
    case 'vote:closed':
      return { ...data, votes: upsertVote(votes, event.vote) };
    case 'vote:lapsed':
      return { ...data, votes: withLapsed(votes, event.vote) };
  }
}

/** The data with a vote's subject as read just now: the document's text, or the amendment (perhaps new). */
function withSubject(data: VotingData, subject: { doc?: DocumentJson; amendment?: AmendmentJson } = {}): VotingData {
  const { doc, amendment } = subject;
  return {
    ...data,
    doc: doc ?? data.doc,
    amendments: amendment ? [...data.amendments.filter((a) => a.id !== amendment.id), amendment] : data.amendments,
  };
}

/** The open votes, and the past ones newest first. */
export function voteLists(votes: readonly VoteJson[]): { open: VoteJson[]; past: VoteJson[] } {
  return {
    open: votes.filter((v) => v.status === 'open'),
    past: votes.filter((v) => v.status !== 'open').reverse(),
  };
}

/** The delegation's ballot in a vote, as the page knows it. */
export const ownBallot = (vote: Pick<VoteJson, 'ballots'>, code: string): BallotJson | undefined =>
  vote.ballots.find((b) => b.delegation === code);

/** A ballot's receipt as the page holds it, if it is of the ballot now cast (not an earlier choice). */
export function currentReceipt(state: Pick<DelegationState, 'receipts'>, voteId: string, choice: string) {
  const receipt = state.receipts[voteId];
  return receipt && receipt.choice === choice ? receipt : undefined;
}

/** What the page's parts share: who is looking, the page's state and the way to change it. */
export interface DelegationPage {
  documentId: string;
  /** The delegation's code and its name in the interface language. */
  code: string;
  name: string;
  user: SessionUser;
  actions: Actions;
  state: DelegationState;
  dispatch(event: DelegationEvent): void;
}

/** Whether this person casts the delegation's ballot: the head, or the designated alternate. */
export function castsBallot(user: Pick<SessionUser, 'role' | 'username'>, alternate: AlternateJson): boolean {
  return user.role === 'head' || (user.role === 'delegate' && alternate.alternate === user.username);
}
