import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { VoteJson } from '../../shared/api/votes.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { consoleReducer, consoleStart, situation, type ConsoleEvent } from './consoleState.js';
import { ballot, consoleData, voteOnClause } from './votingFixtures.js';

const vote = (id: string, status: VoteJson['status'] = 'open'): VoteJson => voteOnClause(id, 'c1', { status });

const changed = (change: AmendmentChanged['change']): ConsoleEvent => {
  const amendment = { id: 'a', clauseId: 'c1', status: change } as unknown as AmendmentJson;
  return {
    type: 'amendments',
    change: {
      documentId: 'd',
      clauseId: 'c1',
      amendmentId: 'a',
      status: change,
      change,
      by: 'x',
      amendment,
      others: [],
    },
  };
};

const run = (events: ConsoleEvent[], start = consoleStart(consoleData())) => events.reduce(consoleReducer, start);

describe('the chair console’s state', () => {
  it('applies votes and a burst of ballots where they arrive, each delegation once', () => {
    const next = run([
      { type: 'vote', vote: vote('v') },
      { type: 'ballots', tallies: [{ voteId: 'v', ballot: ballot('KAZ', 'yes') }] },
      {
        type: 'ballots',
        tallies: [
          { voteId: 'v', ballot: ballot('FRA', 'no') },
          { voteId: 'v', ballot: ballot('KAZ', 'abstain') },
        ],
      },
    ]);
    expect(next.data.votes[0]!.ballots.map((b) => `${b.delegation}:${b.choice}`)).toEqual(['FRA:no', 'KAZ:abstain']);
    expect(next.data.votes[0]!.voted).toEqual(['KAZ', 'FRA']);
    expect(next.stale).toBe(false);
  });

  it('reads everything again for a stage, a changed text, or a ballot in a vote it has not heard of', () => {
    const reasons: ConsoleEvent[][] = [
      [{ type: 'stage', stage: 'adoption' }],
      [changed('accepted')],
      [changed('adopted')],
      [{ type: 'ballots', tallies: [{ voteId: 'unknown', ballot: ballot('KAZ', 'yes') }] }],
      [{ type: 'stale' }],
    ];
    for (const events of reasons) expect(run(events).stale, JSON.stringify(events)).toBe(true);
    expect(run([changed('proposed'), { type: 'clause:status', clauseId: 'c1', status: 'agreed_ad_ref' }]).stale).toBe(
      false,
    );
  });

  it('applies the changes that arrived during a read to its answer, which may have left before them', () => {
    const reading = run([{ type: 'stage', stage: 'adoption' }, { type: 'reading' }]);
    expect(reading).toMatchObject({ stale: false, reading: true });
    const during = run(
      [
        { type: 'vote', vote: vote('v') },
        { type: 'clause:status', clauseId: 'c2', status: 'agreed_ad_ref' },
      ],
      reading,
    );
    const read = consoleReducer(during, {
      type: 'read',
      data: consoleData({ doc: { ...consoleData().doc, stage: 'adoption' } }),
    });
    expect(read.reading).toBe(false);
    expect(read.meanwhile).toEqual([]);
    expect(read.data.doc.stage).toBe('adoption');
    expect(read.data.votes.map((v) => v.id)).toEqual(['v']);
    expect(read.data.doc.clauses[1]!.status).toBe('agreed_ad_ref');
    // Once read, a change is applied without being kept.
    expect(consoleReducer(read, { type: 'now', now: { ...read.data.now, clauseId: 'c1' } }).meanwhile).toEqual([]);
  });

  it('reads once more when asked again while a read is under way', () => {
    const again = run([{ type: 'reading' }, { type: 'stage', stage: 'adoption' }]);
    expect(again).toMatchObject({ reading: true, stale: true });
    expect(consoleReducer(again, { type: 'read-failed' })).toMatchObject({ reading: false, stale: true });
  });

  it('counts what may change a list of unfinished work: votes opened or closed, stages, statuses, amendments', () => {
    const counted = run([
      { type: 'vote', vote: vote('v') },
      { type: 'vote', vote: vote('v', 'closed') },
      { type: 'stage', stage: 'adoption' },
      { type: 'clause:status', clauseId: 'c1', status: 'agreed_ad_ref' },
      changed('proposed'),
      { type: 'text-changed' },
    ]);
    expect(counted.textVersion).toBe(6);
    const quiet = run([
      { type: 'vote', vote: vote('v', 'lapsed') },
      { type: 'ballots', tallies: [] },
      { type: 'now', now: consoleData().now },
    ]);
    expect(quiet.textVersion).toBe(0);
  });

  it('reads the topics of an action’s error from what it knows', () => {
    const d = consoleData({ votes: [vote('v')], now: { ...consoleData().now, clauseId: 'c2' } });
    expect(situation(d, 'stage')).toBe('negotiation');
    expect(situation(d, 'votes-open')).toEqual(['v']);
    expect(situation(d, 'vote:v')).toBe('open');
    expect(situation(d, 'vote:x')).toBe('gone');
    expect(situation(d, 'clause:c1')).toBe('open');
    expect(situation(d, 'amendment:a')).toBe('gone');
    expect(situation(d, 'now')).toBe('c2');
    expect(situation(d, 'subject')).toBeUndefined();
  });
});
