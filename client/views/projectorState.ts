import type { DocumentJson } from '../../shared/api/documents.js';
import type { EndorsementList, NowDiscussing, VoteJson } from '../../shared/api/votes.js';
import type { ConferenceKey } from '../api/ledger.js';
import { upsertVote, withLapsed, withVoted } from '../api/voteReducers.js';
import type { VotingData } from './votingCommon.js';

/**
 * The projector's state and what each event about its document does to it (ProjectorView.tsx draws it): pure,
 * with unit tests. What the room says is applied at once; what the projector cannot apply itself (a new stage,
 * an amendment changed, a clause's new number, a vote on a subject it has not read) marks it stale, and it is
 * read again. Changes heard while a read is under way are applied again over its answer, which may have left
 * the server before them: the answer never takes a newer change back (a ballot's tick, a closed vote).
 */

/** What a read of the projector brings: the voting data, the second language's text, the adoption's parts. */
export interface ProjectorRead {
  data: VotingData;
  /** The version shown beside the original (`?lang=`), or null for the original alone. */
  version: DocumentJson | null;
  /** Everyone's endorsements, once the text is adopted. */
  endorsements: EndorsementList | null;
  /** The conference's key, shown at adoption (null when it could not be read). */
  key: ConferenceKey | null;
}

export interface ProjectorState extends ProjectorRead {
  /** When the chair last moved "now discussing": a result stays on screen until then. */
  focusSince: string;
  /** The vote whose result the live region announced last. */
  announced: string | null;
  /** The changes heard since the read under way started (null: no read under way). */
  reading: ProjectorChange[] | null;
  /** What is shown may be out of date: the screen is to be read again. */
  stale: boolean;
}

/** A change the projector applies itself, as a socket event brings it. */
export type ProjectorChange =
  | { type: 'vote:opened'; vote: VoteJson }
  | { type: 'vote:progress'; voteId: string; voted: string[] }
  | { type: 'vote:closed'; vote: VoteJson }
  | { type: 'vote:lapsed'; vote: VoteJson }
  | { type: 'now'; now: NowDiscussing }
  | { type: 'endorsements'; list: EndorsementList };

export type ProjectorEvent =
  | ProjectorChange
  /** Something changed that only a read shows (a stage, an amendment, a kind), or the screen is back in the room. */
  | { type: 'stale' }
  | { type: 'reading' }
  | { type: 'read'; read: ProjectorRead }
  | { type: 'read-failed' };

export function projectorStart(read: ProjectorRead): ProjectorState {
  return { ...read, focusSince: read.data.now.at ?? '', announced: null, reading: null, stale: false };
}

/** What a change does to what the screen shows. */
function applyChange(state: ProjectorState, change: ProjectorChange): ProjectorState {
  const { data } = state;
  switch (change.type) {
    case 'vote:opened':
    case 'vote:closed':
      return { ...state, data: { ...data, votes: upsertVote(data.votes, change.vote) } };
    case 'vote:lapsed':
      return { ...state, data: { ...data, votes: withLapsed(data.votes, change.vote) } };
    case 'vote:progress':
      return { ...state, data: { ...data, votes: withVoted(data.votes, change) } };
    case 'now':
      return { ...state, data: { ...data, now: change.now }, focusSince: change.now.at ?? '' };
    case 'endorsements':
      return { ...state, endorsements: change.list };
  }
}

/** Whether the projector must read again to show a change: it cannot name what it has not read. */
function needsRead(state: ProjectorState, change: ProjectorChange): boolean {
  // The subject of a vote just opened may be an amendment proposed since the page was read.
  if (change.type === 'vote:opened') return true;
  // Progress in a vote the screen has not heard of: it missed the vote's opening.
  if (change.type === 'vote:progress') return !state.data.votes.some((v) => v.id === change.voteId);
  return false;
}

export function projectorReducer(state: ProjectorState, event: ProjectorEvent): ProjectorState {
  switch (event.type) {
    case 'stale':
      return { ...state, stale: true };
    case 'reading':
      return { ...state, reading: [], stale: false };
    case 'read': {
      const read: ProjectorState = { ...state, ...event.read, key: event.read.key ?? state.key, reading: null };
      return (state.reading ?? []).reduce(applyChange, read);
    }
    case 'read-failed':
      return { ...state, reading: null };
    default: {
      const next = applyChange(state, event);
      return {
        ...next,
        announced: event.type === 'vote:closed' ? event.vote.id : state.announced,
        reading: state.reading && [...state.reading, event],
        stale: state.stale || needsRead(state, event),
      };
    }
  }
}

/**
 * The vote to show: one that is open, else the latest closed one if it closed after the last change of focus
 * (a lapsed vote decided nothing: the adoption that lapsed it is shown instead).
 */
export function shownVote(s: Pick<ProjectorState, 'data' | 'focusSince'>): VoteJson | undefined {
  const open = s.data.votes.filter((v) => v.status === 'open');
  if (open.length) return open[open.length - 1];
  const last = [...s.data.votes]
    .filter((v) => v.status === 'closed' && v.closedAt)
    .sort((a, b) => a.closedAt!.localeCompare(b.closedAt!))
    .at(-1);
  return last && last.closedAt! >= s.focusSince ? last : undefined;
}

/** Adopted, and the chair has not pointed the hall at a clause since: the adoption is what the screen shows. */
export function showingAdoption(s: Pick<ProjectorState, 'data' | 'focusSince'>): boolean {
  const adoption = s.data.doc.adoption;
  return s.data.doc.stage === 'adopted' && (!s.data.now.clauseId || !adoption || s.focusSince <= adoption.at);
}
