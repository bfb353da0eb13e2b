import type { BallotJson, NowDiscussing, VoteJson } from '../../shared/api/votes.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { withClauseAmendments, withClauseStatus } from '../api/liveLists.js';
import { upsertVote, withBallot } from '../api/voteReducers.js';
import type { VotingData } from './votingCommon.js';

/**
 * The chair's console's state and what each event does to it (ChairConsole.tsx draws it): pure, with unit
 * tests. What the room and the chair's own answers change is applied at once; a change that alters what the
 * server would list (a stage, an accepted amendment, the chair's own action) also marks the console stale, and
 * it is read again. A change that arrives while a read is under way is kept and applied again to that read's
 * answer, which may have left the server before it: the answer never takes a newer change back.
 */
export interface ConsoleState {
  data: VotingData;
  /** A read of everything is under way. */
  reading: boolean;
  /** What is shown may be out of date: the console is to be read again (once the read under way has landed). */
  stale: boolean;
  /** The changes applied since the read under way started, to apply again to its answer. */
  meanwhile: DataChange[];
  /**
   * Counts the changes of what a list of unfinished work (a vote on the whole text or an adoption held back)
   * may name: a held list is marked as possibly out of date when it moves.
   */
  textVersion: number;
}

/** A change of what the console knows. */
export type DataChange =
  /** A vote opened, closed or lapsed (an event, or the server's answer to the chair). */
  | { type: 'vote'; vote: VoteJson }
  /** Ballots cast in a live vote (a burst of them is applied at once). */
  | { type: 'ballots'; tallies: { voteId: string; ballot: BallotJson }[] }
  | { type: 'stage'; stage: Stage }
  | { type: 'clause:status'; clauseId: string; status: ClauseStatus }
  | { type: 'amendments'; change: AmendmentChanged }
  | { type: 'now'; now: NowDiscussing };

export type ConsoleEvent =
  | DataChange
  | { type: 'reading' }
  | { type: 'read'; data: VotingData }
  | { type: 'read-failed' }
  /** Something the console does not hold changed (a translation's status): held lists may be out of date. */
  | { type: 'text-changed' }
  /** The chair's action changed something the server derives more from, or the console is back in the room. */
  | { type: 'stale' };

export function consoleStart(data: VotingData): ConsoleState {
  return { data, reading: false, stale: false, meanwhile: [], textVersion: 0 };
}

/** What a change does to what the console knows. */
export function applyChange(data: VotingData, change: DataChange): VotingData {
  switch (change.type) {
    case 'vote':
      return { ...data, votes: upsertVote(data.votes, change.vote) };
    case 'ballots':
      return { ...data, votes: change.tallies.reduce(withBallot, data.votes) };
    case 'stage':
      return { ...data, doc: { ...data.doc, stage: change.stage } };
    case 'clause:status':
      return { ...data, doc: withClauseStatus(data.doc, change.clauseId, change.status) };
    case 'amendments':
      return { ...data, amendments: withClauseAmendments(data.amendments, change.change) };
    case 'now':
      return { ...data, now: change.now };
  }
}

/** Whether a change alters what the server reads besides itself: the console reads everything again after it. */
function needsRead(data: VotingData, change: DataChange): boolean {
  switch (change.type) {
    // A new stage changes the moves and permissions the document carries.
    case 'stage':
      return true;
    // An accepted or adopted amendment changed the text the agenda shows.
    case 'amendments':
      return change.change.change === 'accepted' || change.change.change === 'adopted';
    // A ballot in a vote the console has not heard of: it missed the vote's opening.
    case 'ballots':
      return change.tallies.some((e) => !data.votes.some((v) => v.id === e.voteId));
    default:
      return false;
  }
}

/** Whether a change may alter a list of unfinished work the chair is reading. */
function touchesText(change: DataChange): boolean {
  if (change.type === 'vote') return change.vote.status !== 'lapsed';
  return change.type === 'stage' || change.type === 'clause:status' || change.type === 'amendments';
}

export function consoleReducer(state: ConsoleState, event: ConsoleEvent): ConsoleState {
  switch (event.type) {
    case 'reading':
      return { ...state, reading: true, stale: false, meanwhile: [] };
    case 'read':
      return { ...state, data: state.meanwhile.reduce(applyChange, event.data), reading: false, meanwhile: [] };
    case 'read-failed':
      return { ...state, reading: false, meanwhile: [] };
    case 'text-changed':
      return { ...state, textVersion: state.textVersion + 1 };
    case 'stale':
      return { ...state, stale: true };
    default:
      return {
        data: applyChange(state.data, event),
        reading: state.reading,
        stale: state.stale || needsRead(state.data, event),
        meanwhile: state.reading ? [...state.meanwhile, event] : state.meanwhile,
        textVersion: state.textVersion + (touchesText(event) ? 1 : 0),
      };
  }
}

/** What a topic of an action's error reads now (see `Actions.describe`); the forms answer for their own topics. */
export function situation(data: VotingData, topic: string): unknown {
  const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
  if (kind === 'stage') return data.doc.stage;
  if (kind === 'votes-open') return data.votes.filter((v) => v.status === 'open').map((v) => v.id);
  if (kind === 'vote') return data.votes.find((v) => v.id === id)?.status ?? 'gone';
  if (kind === 'clause') return data.doc.clauses.find((c) => c.id === id)?.status ?? 'gone';
  if (kind === 'amendment') return data.amendments.find((a) => a.id === id)?.status ?? 'gone';
  if (kind === 'now') return data.now.clauseId;
  return undefined;
}
