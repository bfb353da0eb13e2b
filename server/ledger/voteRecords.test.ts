import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../db/repositories/audit.js';
import type { BallotRow } from '../db/repositories/ballots.js';
import type { VoteRow } from '../db/repositories/votes.js';
import { VoteRecords } from './voteRecords.js';

let seq = 0;
const entry = (action: string, vote: string, payload: Record<string, unknown>): AuditEntry => ({
  seq: ++seq,
  at: 't',
  action,
  actorId: null,
  actor: null,
  documentId: 'd',
  subject: `vote:${vote}`,
  payload,
  prevHash: '',
  hash: '',
});
const open = (vote: string, rule = 'simple_majority', quorum: number | null = null) =>
  entry('vote.open', vote, { rule, quorum, registered: 3 });
const ballot = (vote: string, delegation: string, choice: string, previous?: string) =>
  entry(previous ? 'ballot.change' : 'ballot.cast', vote, { delegation, choice, ...(previous ? { previous } : {}) });
const result = (outcome: string, yes: number, no: number, abstain: number) => ({
  outcome,
  yes,
  no,
  abstain,
  present: yes + no + abstain,
  registered: 3,
  required: 1,
});
const row = (id: string, status: string, frozen: object | null, registered = 3): VoteRow =>
  ({
    seq: 1,
    id,
    document_id: 'd',
    subject_type: 'clause',
    subject_id: 'c',
    rule: 'simple_majority',
    quorum: null,
    registered,
    status,
    opened_by: 'u',
    opened_at: 't',
    closed_by: null,
    closed_at: null,
    result: frozen && JSON.stringify(frozen),
  }) as VoteRow;
const stored = (choices: Record<string, string>) => async (): Promise<BallotRow[]> =>
  Object.entries(choices).map(
    ([delegation, choice]) =>
      ({
        vote_id: 'v',
        delegation,
        choice,
        cast_by: 'u',
        first_cast_at: 't',
        cast_at: 't',
        changes: 0,
        ledger_seq: null,
      }) as BallotRow,
  );

async function problems(entries: AuditEntry[], votes: VoteRow[], ballots: Record<string, string>): Promise<string[]> {
  const records = new VoteRecords();
  for (const e of entries) records.accept(e);
  return (await records.check(votes, stored(ballots))).map((p) => p.code);
}

describe('votes recomputed from the ledger', () => {
  it.each([
    [
      'a ballot cast again, counted once',
      [
        open('v'),
        ballot('v', 'KAZ', 'yes'),
        ballot('v', 'FRA', 'no'),
        ballot('v', 'KAZ', 'yes', 'yes'),
        entry('vote.close', 'v', { result: result('not_adopted', 1, 1, 0) }),
      ],
      'closed',
      result('not_adopted', 1, 1, 0),
      { KAZ: 'yes', FRA: 'no' },
      [],
    ],
    [
      'a tie closed as adopted',
      [
        open('v'),
        ballot('v', 'KAZ', 'yes'),
        ballot('v', 'FRA', 'no'),
        entry('vote.close', 'v', { result: result('adopted', 1, 1, 0) }),
      ],
      'closed',
      result('adopted', 1, 1, 0),
      { KAZ: 'yes', FRA: 'no' },
      ['result_disagrees_with_ballots'],
    ],
    [
      'a clean majority',
      [
        open('v'),
        ballot('v', 'KAZ', 'yes'),
        ballot('v', 'FRA', 'no'),
        ballot('v', 'GBR', 'yes'),
        entry('vote.close', 'v', { result: result('adopted', 2, 1, 0) }),
      ],
      'closed',
      result('adopted', 2, 1, 0),
      { KAZ: 'yes', FRA: 'no', GBR: 'yes' },
      [],
    ],
    [
      'a ballot after the close',
      [
        open('v'),
        ballot('v', 'KAZ', 'yes'),
        entry('vote.close', 'v', { result: result('adopted', 1, 0, 0) }),
        ballot('v', 'FRA', 'no'),
      ],
      'closed',
      result('adopted', 1, 0, 0),
      { KAZ: 'yes' },
      ['vote_entry_out_of_place'],
    ],
    [
      'a change that does not follow the ballot before',
      [open('v'), ballot('v', 'KAZ', 'yes'), ballot('v', 'KAZ', 'no', 'abstain')],
      'open',
      null,
      { KAZ: 'no' },
      ['vote_entry_out_of_place'],
    ],
    [
      'a vote still open in the ledger, closed in the table',
      [open('v'), ballot('v', 'KAZ', 'yes')],
      'closed',
      result('adopted', 1, 0, 0),
      { KAZ: 'yes' },
      ['vote_closed_outside_ledger'],
    ],
    [
      'a vote that lapsed with its counts frozen',
      [open('v'), ballot('v', 'KAZ', 'no'), entry('vote.lapse', 'v', { result: { ...result('lapsed', 0, 1, 0) } })],
      'lapsed',
      { ...result('lapsed', 0, 1, 0) },
      { KAZ: 'no' },
      [],
    ],
    [
      'a vote that lapsed uncounted',
      [open('v'), ballot('v', 'KAZ', 'no'), entry('vote.lapse', 'v', { reason: 'adoption' })],
      'lapsed',
      null,
      { KAZ: 'no' },
      [],
    ],
    [
      'a lapsed vote whose frozen counts were edited',
      [open('v'), ballot('v', 'KAZ', 'no'), entry('vote.lapse', 'v', { result: result('lapsed', 0, 1, 0) })],
      'lapsed',
      result('lapsed', 1, 0, 0),
      { KAZ: 'no' },
      ['frozen_result_disagrees'],
    ],
    [
      'a ballot row no entry records',
      [open('v'), ballot('v', 'KAZ', 'no')],
      'open',
      null,
      { KAZ: 'no', FRA: 'yes' },
      ['ballot_not_in_ledger'],
    ],
  ] as const)('%s', async (_name, entries, status, frozen, ballots, expected) => {
    expect(await problems([...entries], [row('v', status, frozen)], ballots)).toEqual(expected);
  });

  it('names a quorum base the table changed after the ledger froze it at opening', async () => {
    expect(await problems([open('v')], [row('v', 'open', null, 2)], {})).toEqual(['vote_rule_disagrees']);
  });

  it('names a stored vote the ledger never opened', async () => {
    expect(await problems([], [row('w', 'open', null)], {})).toEqual(['vote_not_in_ledger']);
  });
});
