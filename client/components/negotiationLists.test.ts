import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import { NegotiationLists } from './negotiationLists.js';

const comment = (id: string, author: string, status = 'open') =>
  ({ id, clauseId: 'c1', status, author: { username: author } }) as unknown as CommentJson;
const added = (c: CommentJson, change: CommentChanged['change'] = 'added') =>
  ({ documentId: 'd', clauseId: 'c1', commentId: c.id, threadId: c.id, change, by: 'x', comment: c }) as CommentChanged;
const amendment = (id: string, clauseId: string, status: string) =>
  ({ id, clauseId, status, createdAt: `2025-10-15T09:0${id}` }) as AmendmentJson;

describe('negotiation lists', () => {
  it('counts someone else’s new comment as unread, never the reader’s own or a change to a known one', () => {
    const lists = new NegotiationLists('d', 'me');
    lists.commentChanged(added(comment('1', 'other')));
    lists.commentChanged(added(comment('2', 'me')));
    lists.commentChanged(added(comment('1', 'other', 'resolved'), 'resolved'));
    expect(lists.unread).toEqual({ c1: 1 });
    expect(lists.comments.map((c) => [c.id, c.status])).toEqual([
      ['1', 'resolved'],
      ['2', 'open'],
    ]);
  });

  it('takes a changed amendment whole from the event and counts those awaiting a decision', () => {
    const lists = new NegotiationLists('d', 'me');
    lists.data = { ...lists.data, amendments: [amendment('1', 'c1', 'submitted'), amendment('2', 'c2', 'submitted')] };
    const change = (a: AmendmentJson) => ({ clauseId: 'c1', amendment: a, others: [] }) as unknown as AmendmentChanged;
    lists.amendmentChanged(change(amendment('1', 'c1', 'accepted')));
    lists.amendmentChanged(change(amendment('3', 'c1', 'submitted')));
    expect(lists.amendments.map((a) => [a.id, a.status])).toEqual([
      ['1', 'accepted'],
      ['2', 'submitted'],
      ['3', 'submitted'],
    ]);
    expect(lists.pendingCount()).toBe(2);
  });
});
