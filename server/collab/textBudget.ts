import * as Y from 'yjs';
import type { TextLimits } from '../../shared/domain/limits.js';
import { clauseKey, getClauseFragment, textKeyOf } from '../../shared/editor/ydoc.js';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * Characters of text under a type: the lengths of its `Y.XmlText`s, at any depth (what a person typed; the
 * line breaks and (a)/(i) labels the layout adds are not counted). For a clause's fragment, this is the
 * length of its ProseMirror document's `textContent` — what the editor counts too. Walks elements only:
 * a text's length is kept by Yjs.
 */
export function textLength(type: Y.AbstractType<any>): number {
  if (type instanceof Y.XmlText) return type.length;
  let sum = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentType)
      sum += textLength(item.content.type as Y.AbstractType<unknown>);
  }
  return sum;
}

/** A new string item of an update, and from which of its clocks it is new to the server. */
export interface InsertedText {
  item: Y.Item;
  /** Offset of the first clock the server does not have (0 unless the struct overlaps the server's state). */
  from: number;
  clauseId: string;
}

/**
 * The change an update would make to the characters of each clause, worked out before it is applied: what
 * its new string items add (less what its own delete set removes of them), less what its deletions remove
 * of the server's text — the chars of each string deleted, or all the text under each element or text
 * deleted, counted once (under the outermost thing deleted). Exact for what editors send; where it errs
 * (text inserted under an element already deleted) it errs high, so a limit is never passed unseen.
 * `clauseOf` names the clause of an item of the server's document (null outside clauses).
 */
export function textGrowth(
  doc: Y.Doc,
  inserted: readonly InsertedText[],
  ds: DeleteSet,
  clauseOf: (item: Y.Item) => string | null,
): Map<string, number> {
  const deleted = new DeletedRanges(ds);
  const growth = new Map<string, number>();
  const add = (clauseId: string, n: number): void => {
    if (n !== 0) growth.set(clauseId, (growth.get(clauseId) ?? 0) + n);
  };
  for (const { item, from, clauseId } of inserted) {
    const start = item.id.clock + from;
    const end = item.id.clock + item.length;
    add(clauseId, end - start - deleted.overlap(item.id.client, start, end));
  }
  for (const [client, ranges] of deleted.clients()) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(doc.store, client);
    for (const { clock, end } of ranges) {
      if (clock >= state) break;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted || hiddenAbove(struct, deleted)) continue;
        const clauseId = clauseOf(struct);
        if (clauseId === null) continue;
        if (struct.content instanceof Y.ContentString) {
          add(clauseId, -(Math.min(end, struct.id.clock + struct.length) - Math.max(clock, struct.id.clock)));
        } else if (struct.content instanceof Y.ContentType) {
          add(clauseId, -textLength(struct.content.type as Y.AbstractType<unknown>));
        }
      }
    }
  }
  return growth;
}

/** True when an element or text above the item is deleted, now or by the update: its text is counted there. */
function hiddenAbove(item: Y.Item, deleted: DeletedRanges): boolean {
  for (
    let parent = item.parent as Y.AbstractType<unknown> | null;
    parent?._item;
    parent = parent._item.parent as Y.AbstractType<unknown> | null
  ) {
    const above = parent._item;
    if (above.deleted || deleted.has(above.id.client, above.id.clock)) return true;
  }
  return false;
}

/**
 * One client's deletion ranges sorted and merged: a hostile update may repeat or overlap them, so that walking
 * each as sent would cost its length again and again.
 */
export function mergedRanges(items: readonly { clock: number; len: number }[]): { clock: number; end: number }[] {
  const sorted = items.map((d) => ({ clock: d.clock, end: d.clock + d.len })).sort((a, b) => a.clock - b.clock);
  const merged: { clock: number; end: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.clock <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** An update's delete set, sorted and merged per client (`mergedRanges`). */
class DeletedRanges {
  private readonly byClient = new Map<number, { clock: number; end: number }[]>();

  constructor(ds: DeleteSet) {
    for (const [client, items] of ds.clients) this.byClient.set(client, mergedRanges(items));
  }

  clients(): IterableIterator<[number, { clock: number; end: number }[]]> {
    return this.byClient.entries();
  }

  has(client: number, clock: number): boolean {
    return this.overlap(client, clock, clock + 1) > 0;
  }

  /** How many clocks of [from, to) of `client` the update deletes. */
  overlap(client: number, from: number, to: number): number {
    const ranges = this.byClient.get(client);
    if (!ranges) return 0;
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.end <= from) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let i = lo; i < ranges.length && ranges[i]!.clock < to; i++)
      n += Math.min(to, ranges[i]!.end) - Math.max(from, ranges[i]!.clock);
    return n;
  }
}

/**
 * The characters of each clause of a live document, counted once and again only after a change touched the
 * clause (any change: a socket's, a server command's, another node's).
 */
export class ClauseLengths {
  private readonly lengths = new Map<string, number>();
  // Yjs lists every type with a change at or below it, up to the root, in `changedParentTypes`.
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    for (const type of transaction.changedParentTypes.keys()) {
      if (type._item === null) this.lengths.delete(textKeyOf(Y.findRootTypeKey(type)) ?? '');
    }
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
  }

  clause(clauseId: string): number {
    let n = this.lengths.get(clauseId);
    if (n === undefined) {
      n = this.doc.share.has(clauseKey(clauseId))
        ? textLength(getClauseFragment(this.doc, clauseId) as unknown as Y.AbstractType<unknown>)
        : 0;
      this.lengths.set(clauseId, n);
    }
    return n;
  }

  /** Characters of the given clauses together (the live ones: deleted clauses do not count). */
  total(clauseIds: Iterable<string>): number {
    let sum = 0;
    for (const id of clauseIds) sum += this.clause(id);
    return sum;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }
}

/**
 * The limit an update would pass, as a close reason (`clause_too_long:<id>`, `document_too_long`), or null.
 * Only growth is refused: an update that shortens a clause already over the limit (written before the limit
 * was lowered) passes.
 */
export function overLimit(
  growth: ReadonlyMap<string, number>,
  lengths: ClauseLengths,
  liveClauses: Iterable<string>,
  limits: TextLimits,
): string | null {
  let total = 0;
  for (const [clauseId, delta] of growth) {
    // A version (`<clauseId>/<lang>`) is held to a clause's limit; the document's counts the original's text.
    if (!clauseId.includes('/')) total += delta;
    if (delta > 0 && lengths.clause(clauseId) + delta > limits.clauseChars) return `clause_too_long:${clauseId}`;
  }
  if (total > 0 && lengths.total(liveClauses) + total > limits.documentChars) return 'document_too_long';
  return null;
}
