import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';

/**
 * Lists a page keeps live from socket.io events, without reading them again: the merges an event makes, and
 * the events that arrive while a list is being read.
 */

/** The list with `comment` in place of the one with its id, or added at the end (the newest). */
export function upsertComment(comments: CommentJson[], comment: CommentJson): CommentJson[] {
  return comments.some((c) => c.id === comment.id)
    ? comments.map((c) => (c.id === comment.id ? comment : c))
    : [...comments, comment];
}

/** The list with the clause's amendments replaced by those an `amendment:changed` event brought, oldest first. */
export function withClauseAmendments(amendments: AmendmentJson[], e: AmendmentChanged): AmendmentJson[] {
  return [...amendments.filter((a) => a.clauseId !== e.clauseId), ...e.amendments].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
}

/**
 * Keeps the events that arrive while a list is being read (the answer may have been read before them), to
 * apply them to the answer once it comes: `record` every event, `read` through it.
 */
export function eventsWhileReading<E>(): {
  record(event: E): void;
  read<T>(fetch: () => Promise<T>, apply: (read: T, event: E) => T): Promise<T>;
} {
  const open = new Set<E[]>();
  return {
    record(event) {
      for (const arrived of open) arrived.push(event);
    },
    async read(fetch, apply) {
      const arrived: E[] = [];
      open.add(arrived);
      try {
        return arrived.reduce(apply, await fetch());
      } finally {
        open.delete(arrived);
      }
    },
  };
}

/** The document with one clause's status changed, as a `clause:status` event says (a clause it lacks: unchanged). */
export function withClauseStatus<D extends { clauses: readonly { id: string; status: ClauseStatus }[] }>(
  doc: D,
  clauseId: string,
  status: ClauseStatus,
): D {
  if (!doc.clauses.some((c) => c.id === clauseId && c.status !== status)) return doc;
  return { ...doc, clauses: doc.clauses.map((c) => (c.id === clauseId ? { ...c, status } : c)) };
}
