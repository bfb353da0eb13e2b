import { describe, expect, it } from 'vitest';
import { unfinishedItems, type UnfinishedClause, type UnfinishedInput, type UnfinishedItem } from './unfinished.js';

const agreed = (id: string, ref: string, openBrackets = 0): UnfinishedClause => ({
  id,
  ref,
  status: 'agreed_ad_ref',
  openBrackets,
});
const NOTHING: UnfinishedInput = {
  clauses: [agreed('t', 'Title'), agreed('p1', 'PP1'), agreed('o1', 'OP1')],
  amendments: [],
  openVotes: [],
  typing: [],
};

describe('unfinished work', () => {
  it('is nothing for an agreed text without brackets, amendments to decide, typists or other votes', () => {
    expect(unfinishedItems(NOTHING)).toEqual([]);
  });

  const CASES: [string, Partial<UnfinishedInput>, UnfinishedItem[]][] = [
    [
      'bracketed passages, even in an agreed clause',
      { clauses: [agreed('p1', 'PP1', 2)] },
      [{ kind: 'bracketed', clauseId: 'p1', ref: 'PP1', passages: 2 }],
    ],
    [
      'every clause not agreed, with its status',
      {
        clauses: [
          { id: 'o1', ref: 'OP1', status: 'open', openBrackets: 0 },
          { id: 'o2', ref: 'OP2', status: 'bracketed', openBrackets: 0 },
          { id: 'o3', ref: 'OP3', status: 'under_discussion', openBrackets: 0 },
        ],
      },
      [
        { kind: 'not_agreed', clauseId: 'o1', ref: 'OP1', status: 'open' },
        { kind: 'not_agreed', clauseId: 'o2', ref: 'OP2', status: 'bracketed' },
        { kind: 'not_agreed', clauseId: 'o3', ref: 'OP3', status: 'under_discussion' },
      ],
    ],
    [
      'amendments submitted or put to a vote, not those decided or withdrawn',
      {
        amendments: [
          'submitted',
          'put_to_vote',
          'accepted',
          'rejected',
          'withdrawn',
          'adopted',
          'not_adopted',
          'lapsed',
        ].map((status, i) => ({ id: `a${i}`, clauseId: 'o1', status, delegation: 'FRA' })),
      },
      [
        {
          kind: 'amendment_undecided',
          amendmentId: 'a0',
          clauseId: 'o1',
          ref: 'OP1',
          status: 'submitted',
          delegation: 'FRA',
        },
        {
          kind: 'amendment_undecided',
          amendmentId: 'a1',
          clauseId: 'o1',
          ref: 'OP1',
          status: 'put_to_vote',
          delegation: 'FRA',
        },
      ],
    ],
    [
      'an amendment to a clause no longer in the text, without a reference',
      { amendments: [{ id: 'a0', clauseId: 'gone', status: 'submitted', delegation: 'KAZ' }] },
      [
        {
          kind: 'amendment_undecided',
          amendmentId: 'a0',
          clauseId: 'gone',
          ref: null,
          status: 'submitted',
          delegation: 'KAZ',
        },
      ],
    ],
    [
      'clauses being typed in, in document order, ignoring clauses not in the text',
      { typing: ['o1', 'gone', 'p1'] },
      [
        { kind: 'typing', clauseId: 'p1', ref: 'PP1' },
        { kind: 'typing', clauseId: 'o1', ref: 'OP1' },
      ],
    ],
    [
      'other open votes, with the clause they concern; a vote on the whole text is not one',
      {
        amendments: [{ id: 'a9', clauseId: 'p1', status: 'accepted', delegation: 'KAZ' }],
        openVotes: [
          { id: 'v1', subject: { type: 'clause', id: 'o1' } },
          { id: 'v2', subject: { type: 'amendment', id: 'a9' } },
          { id: 'v3', subject: { type: 'document', id: 'd' } },
          { id: 'v4', subject: { type: 'amendment', id: 'unknown' } },
        ],
      },
      [
        { kind: 'open_vote', voteId: 'v1', subject: { type: 'clause', id: 'o1' }, ref: 'OP1' },
        { kind: 'open_vote', voteId: 'v2', subject: { type: 'amendment', id: 'a9' }, ref: 'PP1' },
        { kind: 'open_vote', voteId: 'v4', subject: { type: 'amendment', id: 'unknown' }, ref: null },
      ],
    ],
    [
      'each language version with clauses missing, stale or in draft, not one whose clauses are all current',
      {
        versions: [
          { lang: 'ru', statuses: { t: 'current', p1: 'current', o1: 'current' } },
          { lang: 'kk', statuses: { t: 'current', p1: 'stale', o1: 'draft' } },
          { lang: 'uz', statuses: {} },
        ],
      },
      [
        {
          kind: 'translation_unfinished',
          lang: 'kk',
          missing: [],
          stale: [{ clauseId: 'p1', ref: 'PP1' }],
          draft: [{ clauseId: 'o1', ref: 'OP1' }],
          total: 3,
        },
        {
          kind: 'translation_unfinished',
          lang: 'uz',
          missing: [
            { clauseId: 't', ref: 'Title' },
            { clauseId: 'p1', ref: 'PP1' },
            { clauseId: 'o1', ref: 'OP1' },
          ],
          stale: [],
          draft: [],
          total: 3,
        },
      ],
    ],
  ];

  it.each(CASES)('lists %s', (_name, input, items) => {
    expect(unfinishedItems({ ...NOTHING, ...input })).toEqual(items);
  });

  it('groups the list by kind, in a fixed order', () => {
    const items = unfinishedItems({
      clauses: [{ id: 'o1', ref: 'OP1', status: 'open', openBrackets: 1 }],
      amendments: [{ id: 'a1', clauseId: 'o1', status: 'submitted', delegation: 'FRA' }],
      openVotes: [{ id: 'v1', subject: { type: 'amendment', id: 'a1' } }],
      typing: ['o1'],
      versions: [{ lang: 'kk', statuses: {} }],
    });
    expect(items.map((i) => i.kind)).toEqual([
      'bracketed',
      'not_agreed',
      'amendment_undecided',
      'typing',
      'open_vote',
      'translation_unfinished',
    ]);
  });
});
