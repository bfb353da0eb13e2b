import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged, AmendmentPatch } from '../../shared/protocol/events.js';
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

/**
 * The list with what an `amendment:changed` event brought merged in: the amendment in place of the one with its
 * id, or added at the end (the newest: the list is in order of proposal), and the small fields of the others
 * it names patched. A patch from a change of the text (it says whether the amendment is `stale`) leaves an
 * amendment without its diff against today's text, which that change outdated: readers showing it read the
 * clause's amendments again. Amendments the event does not name stay the same objects.
 */
export function withClauseAmendments(amendments: AmendmentJson[], e: AmendmentChanged): AmendmentJson[] {
  const patches = new Map(e.others.map((patch) => [patch.id, patch]));
  const merged = amendments.map((a) => {
    if (a.id === e.amendment.id) return e.amendment;
    const patch = patches.get(a.id);
    return patch ? patched(a, patch) : a;
  });
  return amendments.some((a) => a.id === e.amendment.id) ? merged : [...merged, e.amendment];
}

function patched(amendment: AmendmentJson, patch: AmendmentPatch): AmendmentJson {
  if (!('stale' in patch)) return { ...amendment, ...patch };
  const { diffCurrent: _outdated, diffCurrentGranularity: _with, ...rest } = amendment;
  return { ...rest, ...patch };
}

/**
 * Whether merging `e` left pending amendments of the list without their diffs against today's text: a change of
 * the text moved them (its patches say whether each is `stale`). Their clause's amendments are worth reading
 * again; decided ones show themselves against the text they were written against.
 */
export function outdatesDiffs(amendments: readonly AmendmentJson[], e: AmendmentChanged): boolean {
  const pending = new Set(amendments.filter((a) => isPending(a.status)).map((a) => a.id));
  return e.others.some((patch) => 'stale' in patch && pending.has(patch.id));
}

/** The list with one clause's amendments replaced by `read` (that clause's, read again), the rest kept. */
export function withClauseRead(amendments: AmendmentJson[], clauseId: string, read: AmendmentJson[]): AmendmentJson[] {
  const fresh = new Map(read.filter((a) => a.clauseId === clauseId).map((a) => [a.id, a]));
  const kept = amendments.filter((a) => a.clauseId !== clauseId || fresh.has(a.id)).map((a) => fresh.get(a.id) ?? a);
  const added = [...fresh.values()].filter((a) => !amendments.some((held) => held.id === a.id));
  return [...kept, ...added];
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
