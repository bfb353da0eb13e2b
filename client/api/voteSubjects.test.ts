import { describe, expect, it } from 'vitest';
import { offeredSubjects, parseSubjectKey, subjectKey, unavailability, type SubjectContext } from './voteSubjects.js';

function context(over: Partial<SubjectContext> = {}): SubjectContext {
  return {
    doc: {
      id: 'decl',
      clauses: [
        {
          id: 'title',
          kind: 'title',
          number: null,
          ref: 'Title',
          text: 'The Declaration',
          status: 'open',
          openBrackets: 0,
        },
        { id: 'op1', kind: 'operative', number: '1', ref: 'OP1', text: 'Calls upon…', status: 'open', openBrackets: 0 },
        {
          id: 'op2',
          kind: 'operative',
          number: '2',
          ref: 'OP2',
          text: 'Invites…',
          status: 'agreed_ad_ref',
          openBrackets: 0,
        },
      ],
    },
    votes: [],
    amendments: [
      { id: 'a1', clauseId: 'op1', status: 'submitted', clauseDeleted: false },
      { id: 'a2', clauseId: 'op1', status: 'withdrawn', clauseDeleted: false },
      { id: 'a3', clauseId: 'op2', status: 'submitted', clauseDeleted: false },
      { id: 'a4', clauseId: 'op1', status: 'put_to_vote', clauseDeleted: false },
      { id: 'a5', clauseId: 'gone', status: 'submitted', clauseDeleted: true },
      // A status this client does not know yet (a later lifecycle) is not "submitted": not offered.
      { id: 'a6', clauseId: 'op1', status: 'lapsed' as never, clauseDeleted: false },
    ],
    votesOpenAtStage: true,
    ...over,
  };
}

describe('the subjects the chair may put to a vote', () => {
  it('are the whole text, the clauses and the submitted amendments whose clause is open to change', () => {
    expect(offeredSubjects(context()).map(subjectKey)).toEqual([
      'document',
      'clause:op1',
      'clause:op2',
      'amendment:a1',
    ]);
  });

  it('say why a subject is not offered', () => {
    const c = context({ votes: [{ status: 'open', subject: { type: 'clause', id: 'op1' } }] });
    expect(unavailability(c, { type: 'clause', id: 'op1' })).toBe('vote_open');
    expect(unavailability(c, { type: 'clause', id: 'title' })).toBe('gone');
    expect(unavailability(c, { type: 'clause', id: 'nope' })).toBe('gone');
    expect(unavailability(c, { type: 'amendment', id: 'a2' })).toBe('withdrawn');
    expect(unavailability(c, { type: 'amendment', id: 'a3' })).toBe('clause_locked');
    expect(unavailability(c, { type: 'amendment', id: 'a4' })).toBe('in_vote');
    expect(unavailability(c, { type: 'amendment', id: 'a5' })).toBe('clause_deleted');
    expect(unavailability(c, { type: 'amendment', id: 'a6' })).toBe('decided');
    expect(unavailability(c, { type: 'amendment', id: 'zz' })).toBe('gone');
  });

  it('are none at a stage without votes (an adopted text), and none twice while its vote is open', () => {
    expect(offeredSubjects(context({ votesOpenAtStage: false }))).toEqual([]);
    expect(unavailability(context({ votesOpenAtStage: false }), { type: 'document' })).toBe('stage');
    const open = context({
      votes: [
        { status: 'open', subject: { type: 'document', id: 'decl' } },
        { status: 'closed', subject: { type: 'clause', id: 'op1' } },
      ],
    });
    expect(offeredSubjects(open).map(subjectKey)).toEqual(['clause:op1', 'clause:op2', 'amendment:a1']);
  });

  it('round-trip through the form value; anything else is no subject', () => {
    for (const s of offeredSubjects(context())) expect(parseSubjectKey(subjectKey(s))).toEqual(s);
    expect(parseSubjectKey('')).toBeNull();
    expect(parseSubjectKey('vote:x')).toBeNull();
  });
});
