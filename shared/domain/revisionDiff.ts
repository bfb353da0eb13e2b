import { wordDiff, type WordDiff } from './wordDiff.js';

/** A clause as one side of a comparison sees it: identity, label and plain text. */
export interface RevisionClause {
  id: string;
  kind: string;
  /** Reference on that side ("OP3"): numbering shifts between revisions, identity does not. */
  ref: string;
  text: string;
  status: string;
}

/**
 * How one clause differs between two versions of the text, recognised by its identity, not its position:
 * `added` / `deleted` exist on one side only; `moved` changed place relative to the clauses around it (its text
 * may have changed too: see `textChanged`); `changed` kept its place but not its text (or kind); `unchanged`.
 */
export type ClauseChange = 'unchanged' | 'changed' | 'moved' | 'added' | 'deleted';

export interface ClauseDiff {
  id: string;
  change: ClauseChange;
  textChanged: boolean;
  kindChanged: boolean;
  statusChanged: boolean;
  from: (RevisionClause & { index: number }) | null;
  to: (RevisionClause & { index: number }) | null;
  /** Word diff from the old text to the new (all inserted for an added clause, all deleted for a deleted one). */
  diff: WordDiff;
}

export interface RevisionDiff {
  clauses: ClauseDiff[];
  counts: Record<ClauseChange, number>;
}

/**
 * Compares two versions of a declaration clause by clause. The result follows the newer order, each deleted
 * clause shown after the clause that preceded it in the older version. Moves are found as the clauses
 * outside a longest sequence kept in the same relative order, so moving one clause marks that one clause,
 * not every clause it jumped over. `diff` computes each clause's word diff (the server passes diffs it
 * computed beforehand, once per pair of texts).
 */
export function diffRevisions(
  from: readonly RevisionClause[],
  to: readonly RevisionClause[],
  diff: (before: string, after: string) => WordDiff = wordDiff,
): RevisionDiff {
  const fromIndex = new Map(from.map((c, i) => [c.id, i]));
  const toIds = new Set(to.map((c) => c.id));
  const common = to.filter((c) => fromIndex.has(c.id));
  const kept = longestIncreasing(common.map((c) => fromIndex.get(c.id)!));
  const stayed = new Set(kept.map((i) => from[i]!.id));

  const describe = (
    a: (typeof from)[number] | undefined,
    ai: number,
    b: (typeof to)[number] | undefined,
    bi: number,
  ): ClauseDiff => {
    const textChanged = !!a && !!b && a.text !== b.text;
    const kindChanged = !!a && !!b && a.kind !== b.kind;
    const change: ClauseChange = !a
      ? 'added'
      : !b
        ? 'deleted'
        : !stayed.has(a.id)
          ? 'moved'
          : textChanged || kindChanged
            ? 'changed'
            : 'unchanged';
    return {
      id: (a ?? b)!.id,
      change,
      textChanged,
      kindChanged,
      statusChanged: !!a && !!b && a.status !== b.status,
      from: a ? { ...a, index: ai } : null,
      to: b ? { ...b, index: bi } : null,
      diff: diff(a?.text ?? '', b?.text ?? ''),
    };
  };

  // Deleted clauses, grouped under the nearest earlier clause that survives (or the start).
  const deletedAfter = new Map<string | null, ClauseDiff[]>();
  let anchor: string | null = null;
  from.forEach((clause, i) => {
    if (toIds.has(clause.id)) {
      anchor = clause.id;
      return;
    }
    const list = deletedAfter.get(anchor) ?? [];
    list.push(describe(clause, i, undefined, -1));
    deletedAfter.set(anchor, list);
  });

  const clauses: ClauseDiff[] = [...(deletedAfter.get(null) ?? [])];
  to.forEach((clause, i) => {
    const old = fromIndex.get(clause.id);
    clauses.push(describe(old === undefined ? undefined : from[old], old ?? -1, clause, i));
    clauses.push(...(deletedAfter.get(clause.id) ?? []));
  });

  const counts: Record<ClauseChange, number> = { unchanged: 0, changed: 0, moved: 0, added: 0, deleted: 0 };
  for (const c of clauses) counts[c.change] += 1;
  return { clauses, counts };
}

/** Values of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.push(values[i]!);
  return out.reverse();
}
