import type { CommentJson } from '../../shared/api/comments.js';

/** A comment for the negotiation parts' tests: France's delegate agreeing on OP3, open, with a mention of KAZ. */
export const fixtureComment = (id: string, more: Partial<CommentJson> = {}): CommentJson => ({
  id,
  clauseId: 'op3',
  parentId: null,
  author: { username: 'fra-delegate', displayName: 'Delegate, France', role: 'delegate', delegation: 'FRA' },
  body: 'Agree with @KAZ here.',
  mentions: ['KAZ'],
  anchor: null,
  status: 'open',
  resolvedBy: null,
  resolvedByName: null,
  resolvedAt: null,
  createdAt: '2025-10-16T09:00:00.000Z',
  ...more,
});
