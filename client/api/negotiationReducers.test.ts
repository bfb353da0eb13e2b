import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import {
  NO_NEGOTIATION,
  clauseCounts,
  clauseThreads,
  filterThreads,
  filtersFor,
  pendingCount,
  withAmendments,
  withComment,
  withSeen,
} from './negotiationReducers.js';

const comment = (id: string, author: string, more: Partial<CommentJson> = {}) =>
  ({
    id,
    clauseId: 'c1',
    parentId: null,
    status: 'open',
    mentions: [],
    author: { username: author, delegation: author === 'kaz' ? 'KAZ' : null },
    ...more,
  }) as unknown as CommentJson;
const event = (c: CommentJson, change: CommentChanged['change'] = 'added') =>
  ({
    documentId: 'd',
    clauseId: c.clauseId,
    commentId: c.id,
    threadId: c.id,
    change,
    by: 'x',
    comment: c,
  }) as CommentChanged;
const amendment = (id: string, clauseId: string, status: string) =>
  ({ id, clauseId, status, createdAt: `2025-10-15T09:0${id}` }) as AmendmentJson;

describe('comments and amendments as events change them', () => {
  it('adds someone else’s comment as unread, never the reader’s own, and changes a known one in place', () => {
    let data = withComment(NO_NEGOTIATION, event(comment('1', 'other')), 'me');
    data = withComment(data, event(comment('2', 'me')), 'me');
    data = withComment(data, event(comment('1', 'other', { status: 'resolved' }), 'resolved'), 'me');
    // The same comment heard twice (its event and a read that crossed it) counts once.
    data = withComment(data, event(comment('2', 'me')), 'me');
    expect(data.unread).toEqual({ c1: 1 });
    expect(data.comments.map((c) => [c.id, c.status])).toEqual([
      ['1', 'resolved'],
      ['2', 'open'],
    ]);
    expect(NO_NEGOTIATION.comments).toEqual([]);
  });

  it('forgets a clause’s unread once it is seen, and leaves the data alone when there were none', () => {
    const data = withComment(NO_NEGOTIATION, event(comment('1', 'other')), 'me');
    expect(withSeen(data, 'c1').unread).toEqual({ c1: 0 });
    expect(withSeen(data, 'c2')).toBe(data);
  });

  it('takes a changed amendment whole and counts those awaiting a decision, per clause and in all', () => {
    const before = {
      ...NO_NEGOTIATION,
      amendments: [amendment('1', 'c1', 'submitted'), amendment('2', 'c2', 'submitted')],
    };
    const change = (a: AmendmentJson) => ({ clauseId: 'c1', amendment: a, others: [] }) as unknown as AmendmentChanged;
    const data = [change(amendment('1', 'c1', 'accepted')), change(amendment('3', 'c1', 'put_to_vote'))].reduce(
      withAmendments,
      before,
    );
    expect(data.amendments.map((a) => [a.id, a.status])).toEqual([
      ['1', 'accepted'],
      ['2', 'submitted'],
      ['3', 'put_to_vote'],
    ]);
    expect(pendingCount(data)).toBe(2);
    expect(clauseCounts(data, 'c1')).toEqual({ threads: 0, unread: 0, pending: 1 });
  });

  it('counts a clause’s threads, not their replies', () => {
    const data = {
      ...NO_NEGOTIATION,
      comments: [comment('1', 'a'), comment('2', 'b', { parentId: '1' }), comment('3', 'c', { clauseId: 'c2' })],
      unread: { c1: 2 },
    };
    expect(clauseCounts(data, 'c1')).toEqual({ threads: 1, unread: 2, pending: 0 });
  });
});

describe('a clause’s threads', () => {
  const comments = [
    comment('1', 'other'),
    comment('2', 'kaz', { parentId: '1' }),
    comment('3', 'me', { status: 'resolved' }),
    comment('4', 'other', { mentions: ['KAZ'] }),
    comment('5', 'other', { clauseId: 'c2' }),
  ];
  const threads = clauseThreads(comments, 'c1');
  const ids = (list: typeof threads) => list.map(([root, replies]) => [root.id, replies.map((r) => r.id)]);

  it('groups replies under their first comment, in order, and leaves other clauses out', () => {
    expect(ids(threads)).toEqual([
      ['1', ['2']],
      ['3', []],
      ['4', []],
    ]);
  });

  it('keeps open threads, the reader’s, or those their delegation wrote in or was mentioned in', () => {
    const kaz = { username: 'kaz', delegation: 'KAZ' };
    expect(ids(filterThreads(threads, 'open', kaz)).map(([id]) => id)).toEqual(['1', '4']);
    expect(ids(filterThreads(threads, 'mine', { username: 'me', delegation: null })).map(([id]) => id)).toEqual(['3']);
    expect(ids(filterThreads(threads, 'delegation', kaz)).map(([id]) => id)).toEqual(['1', '4']);
    expect(filterThreads(threads, 'delegation', { username: 'me', delegation: null })).toEqual([]);
    expect(filterThreads(threads, 'all', kaz)).toHaveLength(3);
  });

  it('offers the delegation’s filter only to someone of a delegation', () => {
    expect(filtersFor({ delegation: 'KAZ' })).toContain('delegation');
    expect(filtersFor({ delegation: null })).toEqual(['all', 'open', 'mine']);
  });
});
