import type { DelegationJson } from '../../shared/api/admin.js';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { FloorJson } from '../../shared/api/floor.js';
import type { BallotReceipt } from '../api/ledger.js';
import type { BallotJson, VoteJson } from '../../shared/api/votes.js';
import type { BallotChoice } from '../../shared/domain/tally.js';
import type { VotingData } from './votingCommon.js';

/** Test data for the chair's console's and the delegation page's state and render tests. */

export const delegations = [
  { code: 'DEU', names: { en: 'Germany', ru: 'Германия', kk: 'Германия' } },
  { code: 'FRA', names: { en: 'France', ru: 'Франция', kk: 'Франция' } },
] as unknown as DelegationJson[];

export function doc(stage = 'negotiation', text = 'Everyone has the right to education.'): DocumentJson {
  return {
    id: 'd',
    title: 'Almaty Declaration',
    stage,
    clauses: [{ id: 'c2', ref: 'OP2', number: 2, kind: 'operative', status: 'open', text }],
  } as unknown as DocumentJson;
}

export function vote(id: string, over: Partial<VoteJson> = {}): VoteJson {
  return {
    id,
    documentId: 'd',
    subject: { type: 'clause', id: 'c2' },
    rule: 'simple_majority',
    quorum: null,
    registered: 2,
    status: 'open',
    openedAt: '2026-12-06T10:00:00.000Z',
    closedAt: null,
    ballots: [],
    voted: [],
    explanations: [],
    ...over,
  };
}

export const ballot = (delegation: string, choice: BallotChoice): BallotJson => ({
  delegation,
  choice,
  castAt: '2026-12-06T10:01:00.000Z',
  changes: 0,
});

export function amendment(over: Partial<AmendmentJson> = {}): AmendmentJson {
  return {
    id: 'a1',
    clauseId: 'c2',
    clauseRef: 'OP2',
    kind: 'replace',
    status: 'put_to_vote',
    delegation: 'FRA',
    cosponsors: [],
    rationale: 'Equity belongs beside inclusion.',
    stale: false,
    diff: [
      { op: 'equal', text: 'Everyone has the right to ' },
      { op: 'insert', text: 'equitable ' },
      { op: 'equal', text: 'education.' },
    ],
    ...over,
  } as unknown as AmendmentJson;
}

export function data(votes: VoteJson[] = [], over: Partial<VotingData> = {}): VotingData {
  return { doc: doc(), votes, delegations, amendments: [], now: null, ...over } as unknown as VotingData;
}

export function receipt(voteId: string, choice: BallotChoice, seq = 7): BallotReceipt {
  return {
    format: 'accord.ballot-receipt',
    vote: { id: voteId, documentId: 'd' },
    delegation: 'DEU',
    choice,
    entry: { seq, hash: 'ab'.repeat(32), at: '2026-12-06T10:01:00.000Z', action: 'ballot.cast' },
    signedHead: { seq, head: 'cd'.repeat(32), key: 'ed25519:8c44-2296', checkpoint: null },
    issuedAt: '2026-12-06T10:01:01.000Z',
  };
}

export function floor(now: string, over: Partial<FloorJson> = {}): FloorJson {
  return { documentId: 'd', open: true, current: null, queue: [], now, ...over } as unknown as FloorJson;
}

/** The console's text: two operative clauses, open. */
export const consoleClauses = [
  { id: 'c1', kind: 'operative', ref: 'OP1', text: 'Calls upon States.', status: 'open' },
  { id: 'c2', kind: 'operative', ref: 'OP2', text: 'Decides.', status: 'open' },
];

/** What the console reads: the document in negotiation with `clauses`, nobody discussed, no votes. */
export function consoleData(over: Partial<VotingData> = {}, clauses: unknown[] = consoleClauses): VotingData {
  return {
    doc: { id: 'd', stage: 'negotiation', stageMoves: [], clauses },
    votes: [],
    delegations: [],
    amendments: [],
    now: { documentId: 'd', clauseId: null, by: null, at: null },
    ...over,
  } as unknown as VotingData;
}

/** A vote on the clause `clauseId`, open unless `over` says otherwise. */
export const voteOnClause = (id: string, clauseId: string, over: Partial<VoteJson> = {}): VoteJson =>
  vote(id, { subject: { type: 'clause', id: clauseId }, ...over });
