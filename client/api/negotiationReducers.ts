import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import { upsertComment, withClauseAmendments } from './liveLists.js';

/**
 * A document's comments and amendments as the document page holds them, and how each kind of news changes
 * them: pure functions, one per event, each returning new data (the clause panel redraws what differs).
 */

export interface NegotiationData {
  comments: CommentJson[];
  /** The reader's unread comments, by clause. */
  unread: Record<string, number>;
  amendments: AmendmentJson[];
}

export const NO_NEGOTIATION: NegotiationData = { comments: [], unread: {}, amendments: [] };

/**
 * A comment added, resolved or reopened (`comment:added`, `comment:updated`): in place, or added; someone
 * else's new comment is unread in its clause, never the reader's own.
 */
export function withComment(data: NegotiationData, e: CommentChanged, reader: string): NegotiationData {
  const isNew = !data.comments.some((c) => c.id === e.comment.id);
  const comments = upsertComment(data.comments, e.comment);
  const unread =
    isNew && e.change === 'added' && e.comment.author.username !== reader
      ? { ...data.unread, [e.clauseId]: (data.unread[e.clauseId] ?? 0) + 1 }
      : data.unread;
  return { ...data, comments, unread };
}

/** An amendment changed (`amendment:changed` brings it whole, and what it moved in the clause's others). */
export function withAmendments(data: NegotiationData, e: AmendmentChanged): NegotiationData {
  return { ...data, amendments: withClauseAmendments(data.amendments, e) };
}

/** The reader has seen a clause's comments: none unread there any more. */
export function withSeen(data: NegotiationData, clauseId: string): NegotiationData {
  return data.unread[clauseId] ? { ...data, unread: { ...data.unread, [clauseId]: 0 } } : data;
}

/** How many amendments of the document await a decision. */
export function pendingCount(data: NegotiationData): number {
  return data.amendments.filter((a) => isPending(a.status)).length;
}

/** What a clause's counters show: its threads, the unread among its comments, its amendments awaiting a decision. */
export function clauseCounts(
  data: NegotiationData,
  clauseId: string,
): { threads: number; unread: number; pending: number } {
  return {
    threads: data.comments.filter((c) => c.clauseId === clauseId && !c.parentId).length,
    unread: data.unread[clauseId] ?? 0,
    pending: data.amendments.filter((a) => a.clauseId === clauseId && isPending(a.status)).length,
  };
}

/** A thread: its first comment and the replies, oldest first. */
export type Thread = [root: CommentJson, replies: CommentJson[]];

/** Which of a clause's threads the panel shows. */
export type CommentFilter = 'all' | 'open' | 'mine' | 'delegation';

/** The filters a reader may choose: "my delegation's" only for someone of a delegation. */
export const filtersFor = (user: Pick<SessionUser, 'delegation'>): CommentFilter[] =>
  user.delegation ? ['all', 'open', 'mine', 'delegation'] : ['all', 'open', 'mine'];

/** A clause's threads in order of their first comment, each with its replies. */
export function clauseThreads(comments: readonly CommentJson[], clauseId: string): Thread[] {
  const roots = comments.filter((c) => c.clauseId === clauseId && !c.parentId);
  return roots.map((root) => [root, comments.filter((c) => c.parentId === root.id)]);
}

/**
 * The threads `filter` keeps for `user`: open ones; those the reader wrote in; those where their delegation
 * wrote or was mentioned (`@KAZ`).
 */
export function filterThreads(
  threads: readonly Thread[],
  filter: CommentFilter,
  user: Pick<SessionUser, 'username' | 'delegation'>,
): Thread[] {
  return threads.filter(([root, replies]) => {
    if (filter === 'open') return root.status === 'open';
    if (filter === 'mine') return [root, ...replies].some((c) => c.author.username === user.username);
    if (filter === 'delegation') {
      const code = user.delegation;
      return !!code && [root, ...replies].some((c) => c.author.delegation === code || c.mentions.includes(code));
    }
    return true;
  });
}
