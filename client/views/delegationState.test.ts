import { describe, expect, it } from 'vitest';
import type { EndorsementList } from '../../shared/api/votes.js';
import type { SilenceJson } from '../../shared/api/silence.js';
import {
  castsBallot,
  currentReceipt,
  delegationReducer,
  delegationStart,
  voteLists,
  type DelegationEvent,
  type DelegationState,
} from './delegationState.js';
import { amendment, ballot, data, doc, floor, receipt, vote } from './votingFixtures.js';

const endorsements: EndorsementList = { documentId: 'd', endorsements: [] };
const start = (votes = [vote('v1')]): DelegationState =>
  delegationStart('DEU', { data: data(votes), endorsements, alternate: { delegation: 'DEU', alternate: null } });
const play = (state: DelegationState, ...events: DelegationEvent[]): DelegationState =>
  events.reduce(delegationReducer, state);

describe('the delegation page’s state', () => {
  it('shows a vote opened with its subject as read just now: the clause’s text, or the amendment', () => {
    const fresh = doc('negotiation', 'Everyone has the right to free education.');
    const opened = play(start([]), { type: 'vote:opened', vote: vote('v2'), subject: { doc: fresh } });
    expect(opened.data.votes.map((v) => v.id)).toEqual(['v2']);
    expect(opened.data.doc.clauses[0]!.text).toBe('Everyone has the right to free education.');
    const onAmendment = vote('v3', { subject: { type: 'amendment', id: 'a1' } });
    const withAmendment = play(opened, { type: 'vote:opened', vote: onAmendment, subject: { amendment: amendment() } });
    expect(withAmendment.data.amendments.map((a) => a.id)).toEqual(['a1']);
  });

  it('keeps a close heard while the opened vote’s subject was being read', () => {
    const closed = vote('v1', { status: 'closed' });
    const state = play(start([]), { type: 'vote:closed', vote: closed }, { type: 'vote:opened', vote: vote('v1') });
    expect(state.data.votes).toEqual([closed]);
  });

  it('takes the delegation’s own ballot in place (the latest choice), and no other delegation’s', () => {
    const state = play(
      start(),
      { type: 'vote:ballot', voteId: 'v1', ballot: ballot('DEU', 'yes') },
      { type: 'vote:ballot', voteId: 'v1', ballot: ballot('DEU', 'no') },
      { type: 'vote:ballot', voteId: 'v1', ballot: ballot('FRA', 'yes') },
      { type: 'vote:progress', voteId: 'v1', voted: ['DEU', 'FRA'] },
    );
    expect(state.data.votes[0]!.ballots).toEqual([ballot('DEU', 'no')]);
    expect(state.data.votes[0]!.voted).toEqual(['DEU', 'FRA']);
  });

  it('keeps the ballots it knows when a vote lapses (the server keeps choices private)', () => {
    const state = play(
      start(),
      { type: 'vote:ballot', voteId: 'v1', ballot: ballot('DEU', 'abstain') },
      { type: 'vote:lapsed', vote: vote('v1', { status: 'lapsed' }) },
    );
    expect(state.data.votes[0]).toMatchObject({ status: 'lapsed', ballots: [ballot('DEU', 'abstain')] });
  });

  it('reads again when stale, and applies the vote events heard meanwhile to what the read brings', () => {
    const stale = play(start(), { type: 'stale' });
    expect(stale.stale).toBe(true);
    const reading = play(stale, { type: 'reading' }, { type: 'vote:opened', vote: vote('v2') });
    expect(reading).toMatchObject({ stale: false, reading: [{ type: 'vote:opened' }] });
    // The read predates the opening of v2 and knows v1 only.
    const read = play(reading, { type: 'read', data: data([vote('v1')]), endorsements, receivedAt: 0 });
    expect(read.data.votes.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(read.reading).toBeNull();
    expect(play(reading, { type: 'read-failed' }).reading).toBeNull();
  });

  it('keeps the newer floor with the server’s clock offset, the newer silence, and the roll', () => {
    const later = floor('2026-12-06T10:00:10.000Z');
    const earlier = floor('2026-12-06T10:00:05.000Z', { open: false });
    const state = play(
      start(),
      { type: 'floor', floor: later, receivedAt: Date.parse('2026-12-06T10:00:00.000Z') },
      { type: 'floor', floor: earlier, receivedAt: 0 },
    );
    expect(state.floor).toBe(later);
    expect(state.floorOffset).toBe(10_000);
    const running = { id: 's', status: 'running', breaks: [] } as unknown as SilenceJson;
    const broken = { ...running, status: 'broken', breaks: [{ delegation: 'FRA' }] } as unknown as SilenceJson;
    // The action's answer came first; the event of the start, older, does not undo it.
    const silence = play(state, { type: 'silence', silence: broken }, { type: 'silence', silence: running });
    expect(silence.silence).toBe(broken);
    const roll = { status: 'open', present: [] } as never;
    expect(play(state, { type: 'roll', roll }).roll).toBe(roll);
  });

  it('lists the open votes and the past ones newest first', () => {
    const votes = [vote('a', { status: 'closed' }), vote('b'), vote('c', { status: 'lapsed' })];
    const { open, past } = voteLists(votes);
    expect(open.map((v) => v.id)).toEqual(['b']);
    expect(past.map((v) => v.id)).toEqual(['c', 'a']);
  });

  it('holds a receipt by vote, and shows it only for the choice now cast', () => {
    const state = play(start(), { type: 'receipt', voteId: 'v1', receipt: receipt('v1', 'yes') });
    expect(currentReceipt(state, 'v1', 'yes')?.entry.seq).toBe(7);
    expect(currentReceipt(state, 'v1', 'no')).toBeUndefined();
  });

  it('lets the head and the designated alternate cast the ballot, no other delegate', () => {
    const alternate = { delegation: 'DEU', alternate: 'deu-delegate' };
    expect(castsBallot({ role: 'head', username: 'deu-head' }, alternate)).toBe(true);
    expect(castsBallot({ role: 'delegate', username: 'deu-delegate' }, alternate)).toBe(true);
    expect(castsBallot({ role: 'delegate', username: 'deu-other' }, alternate)).toBe(false);
  });
});
