import { describe, expect, it } from 'vitest';
import type { BallotJson, VoteJson } from '../../shared/api/votes.js';
import { upsertVote, withBallot, withLapsed, withVoted } from './voteReducers.js';

const ballot = (delegation: string, choice: BallotJson['choice']) => ({ delegation, choice }) as BallotJson;
const vote = (
  id: string,
  status: VoteJson['status'],
  ballots: BallotJson[] = [],
  voted: string[] = ballots.map((b) => b.delegation),
) => ({ id, status, ballots, voted }) as VoteJson;

describe('vote reducers', () => {
  it('replaces a vote by id in its place, or adds it at the end', () => {
    const list = [vote('a', 'open'), vote('b', 'open')];
    expect(upsertVote(list, vote('a', 'closed')).map((v) => [v.id, v.status])).toEqual([
      ['a', 'closed'],
      ['b', 'open'],
    ]);
    expect(upsertVote(list, vote('c', 'open')).map((v) => v.id)).toEqual(['a', 'b', 'c']);
    expect(list[0]!.status).toBe('open');
  });

  it('puts a delegation’s ballot in place of its earlier one and counts it as voted once', () => {
    const list = [vote('a', 'open', [ballot('FRA', 'yes'), ballot('KAZ', 'no')])];
    const changed = withBallot(list, { voteId: 'a', ballot: ballot('FRA', 'abstain') });
    expect(changed[0]!.ballots).toEqual([ballot('KAZ', 'no'), ballot('FRA', 'abstain')]);
    expect(changed[0]!.voted).toEqual(['FRA', 'KAZ']);
    const first = withBallot(list, { voteId: 'a', ballot: ballot('DEU', 'yes') });
    expect(first[0]!.voted).toEqual(['FRA', 'KAZ', 'DEU']);
  });

  it('leaves the list alone for a ballot in a vote it does not hold', () => {
    const list = [vote('a', 'open')];
    expect(withBallot(list, { voteId: 'gone', ballot: ballot('FRA', 'yes') })).toBe(list);
  });

  it('keeps the ballots known here when a vote lapses, since the server’s lapsed vote hides choices', () => {
    const list = [vote('a', 'open', [ballot('FRA', 'yes')])];
    const lapsed = withLapsed(list, vote('a', 'lapsed', [], ['FRA']));
    expect(lapsed[0]).toMatchObject({ status: 'lapsed', ballots: [ballot('FRA', 'yes')] });
    expect(withLapsed([], vote('b', 'lapsed'))[0]).toMatchObject({ id: 'b', ballots: [] });
  });

  it('takes who has voted from a progress report, without choices, and ignores a vote it does not hold', () => {
    const list = [vote('a', 'open'), vote('b', 'open')];
    const next = withVoted(list, { voteId: 'b', voted: ['FRA', 'KAZ'] });
    expect(next.map((v) => v.voted)).toEqual([[], ['FRA', 'KAZ']]);
    expect(next[1]!.ballots).toEqual([]);
    expect(list[1]!.voted).toEqual([]);
    expect(withVoted(list, { voteId: 'gone', voted: ['FRA'] })).toBe(list);
  });
});
