// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { initI18n } from '../i18n/index.js';
import { openVoteLabels, votingReducer, votingStart } from './documentVoting.js';

const clause = (id: string, ref: string) => ({ id, kind: 'operative', ref }) as ClauseJson;
const doc = { id: 'd', clauses: [clause('c1', 'OP1'), clause('c2', 'OP2')] } as DocumentJson;
const vote = (id: string, subject: VoteJson['subject'], status: VoteJson['status'] = 'open') =>
  ({ id, documentId: 'd', subject, status, ballots: [], voted: [] }) as unknown as VoteJson;
const amendment = { id: 'a1', clauseId: 'c2', delegation: 'KAZ' } as AmendmentJson;

describe('the votes on the document page', () => {
  beforeAll(() => initI18n());

  it('names each open vote: the whole text, a clause, an amendment once it has been read', () => {
    const state = votingReducer(votingStart, {
      type: 'read',
      votes: [
        vote('v1', { type: 'document', id: 'd' }),
        vote('v2', { type: 'clause', id: 'c1' }),
        vote('v3', { type: 'amendment', id: 'a1' }),
        vote('v4', { type: 'clause', id: 'c2' }, 'closed'),
      ],
      discussed: 'c1',
    });
    expect(openVoteLabels(state, doc).map((l) => l.text)).toEqual([
      'A vote is open: the whole declaration',
      'A vote is open: OP1',
      'A vote is open: an amendment',
    ]);
    const read = votingReducer(state, { type: 'amendment', amendment });
    expect(openVoteLabels(read, doc)[2]!.text).toBe('A vote is open: amendment by Kazakhstan to OP2');
  });

  it('follows votes opened, closed and lapsed, and the clause under discussion', () => {
    let state = votingReducer(votingStart, { type: 'vote', vote: vote('v1', { type: 'clause', id: 'c1' }) });
    expect(openVoteLabels(state, doc)).toHaveLength(1);
    state = votingReducer(state, { type: 'vote', vote: vote('v1', { type: 'clause', id: 'c1' }, 'closed') });
    expect(state.votes).toHaveLength(1);
    expect(openVoteLabels(state, doc)).toEqual([]);
    expect(votingReducer(state, { type: 'discussed', clauseId: 'c2' }).discussed).toBe('c2');
  });
});
