import * as Y from 'yjs';
import type { AttributionAuthor, AttributionBlock, AttributionResponse } from '../../shared/api/revisions.js';
import { subparagraphLabel } from '../../shared/editor/numbering.js';
import { findByClock } from '../../shared/editor/clockRange.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { Store } from '../db/store.js';

/** Updates read per step when replaying the log. */
const PAGE = 500;

/** A run of one client's clocks written by one author (index into `AuthorIndex.authors`). */
interface ClockRange {
  clock: number;
  end: number;
  author: number;
}

/**
 * Who wrote every Yjs item of a document, learned by replaying the update log: each stored update carries
 * its authenticated author, and each struct in it a (client, clock) range. The log is append-only, so the
 * index is kept per document and only the updates stored since are read on the next request.
 */
export class AuthorIndex {
  /** Last update folded in. */
  seq = 0;
  readonly authors: AttributionAuthor[] = [];
  private readonly authorKeys = new Map<string, number>();
  /** Per client, ranges in clock order. A client's clocks arrive in order, so appending keeps them sorted. */
  private readonly ranges = new Map<number, ClockRange[]>();

  private catching: Promise<void> | undefined;
  private readonly roles = new Map<string, string | null>();
  /** Last audit entry read for words a split or a merge carried into another clause. */
  private auditSeq = 0;
  /**
   * Per client, ranges of items that a split or a merge wrote on behalf of their first authors: the words
   * are new items written by the server, and the audit entry of the change says whose they were.
   */
  private readonly carried = new Map<number, ClockRange[]>();

  /**
   * Folds in the updates stored since the last call, a page at a time, yielding to the event loop between
   * pages (a cold start on a long negotiation replays its whole log). Concurrent callers share one catch-up;
   * each caller then reads what is left itself, so nothing stored before it asked is missed.
   */
  async catchUp(store: Store, documentId: string): Promise<void> {
    this.catching ??= (async () => {
      try {
        while ((await this.foldPage(store, documentId)) === PAGE) await new Promise((resolve) => setImmediate(resolve));
      } finally {
        this.catching = undefined;
      }
    })();
    await this.catching;
    while ((await this.foldPage(store, documentId)) === PAGE);
    await this.foldCarried(store, documentId);
  }

  /** Folds in the words carried by the splits and merges audited since the last call (`CarriedWords`). */
  private async foldCarried(store: Store, documentId: string): Promise<void> {
    for (const entry of await store.audit.forDocument(documentId, this.auditSeq)) {
      if (entry.seq <= this.auditSeq) continue;
      this.auditSeq = entry.seq;
      const carried = entry.payload.carried as CarriedWords | undefined;
      if (!Array.isArray(carried)) continue;
      for (const [client, clock, length, author] of carried) {
        let list = this.carried.get(client);
        if (!list) this.carried.set(client, (list = []));
        list.push({ clock, end: clock + length, author: this.author(author) });
        list.sort((a, b) => a.clock - b.clock);
      }
    }
  }

  /**
   * Folds in one page of updates; returns how many it read. Callers finishing a catch-up may read
   * overlapping pages at once, so a row is folded in only past `seq`, checked after the last await before
   * folding it: rows go in once and in log order (`add` relies on a client's clocks arriving in order).
   */
  private async foldPage(store: Store, documentId: string): Promise<number> {
    const rows = await store.revisions.updatesPage(documentId, this.seq, PAGE);
    for (const row of rows) {
      if (row.user_id && !this.roles.has(row.user_id))
        this.roles.set(row.user_id, (await store.users.byId(row.user_id))?.role ?? null);
      if (row.seq <= this.seq) continue;
      const role = row.user_id ? (this.roles.get(row.user_id) ?? null) : null;
      const author = this.author(
        row.delegation
          ? { key: row.delegation, delegation: row.delegation, role: null }
          : { key: role ?? 'unknown', delegation: null, role },
      );
      for (const struct of Y.decodeUpdate(new Uint8Array(row.data)).structs) {
        if (struct instanceof Y.Item) this.add(struct.id.client, struct.id.clock, struct.length, author);
      }
      this.seq = row.seq;
    }
    return rows.length;
  }

  private author(a: AttributionAuthor): number {
    let index = this.authorKeys.get(a.key);
    if (index === undefined) {
      index = this.authors.push(a) - 1;
      this.authorKeys.set(a.key, index);
    }
    return index;
  }

  /** Records a range; a part already known (an update resent) keeps its first author. */
  private add(client: number, clock: number, length: number, author: number): void {
    let list = this.ranges.get(client);
    if (!list) this.ranges.set(client, (list = []));
    const known = list.length ? list[list.length - 1]!.end : 0;
    const start = Math.max(clock, known);
    const end = clock + length;
    if (end <= start) return;
    const last = list[list.length - 1];
    if (last && last.author === author && last.end === start) last.end = end;
    else list.push({ clock: start, end, author });
  }

  /** The range holding one character of a client, if its author is known. */
  private rangeAt(client: number, clock: number): ClockRange | undefined {
    return findByClock(
      this.ranges.get(client),
      clock,
      (r) => r.clock,
      (r) => r.end,
    );
  }

  /** Author of one character (-1 when unknown) and the clock where that author's run ends. */
  authorAt(client: number, clock: number): { author: number; end: number } {
    const range =
      findByClock(
        this.carried.get(client),
        clock,
        (r) => r.clock,
        (r) => r.end,
      ) ?? this.rangeAt(client, clock);
    return range ? { author: range.author, end: range.end } : { author: -1, end: clock + 1 };
  }
}

/**
 * Words a split or a merge wrote into another clause, in its audit entry's `carried`: runs of new items
 * (client, first clock, length) with the author who first wrote those words.
 */
export type CarriedWords = [client: number, clock: number, length: number, author: AttributionAuthor][];

const indexes = new WeakMap<Store, Map<string, AuthorIndex>>();

/** The document's author index, brought up to date. */
export async function authorIndex(ctx: AppContext, documentId: string): Promise<AuthorIndex> {
  let perStore = indexes.get(ctx.store);
  if (!perStore) indexes.set(ctx.store, (perStore = new Map()));
  let index = perStore.get(documentId);
  if (!index) perStore.set(documentId, (index = new AuthorIndex()));
  await index.catchUp(ctx.store, documentId);
  return index;
}

/**
 * A clause's live text in blocks (paragraphs, subparagraphs labelled as printed), each split into runs by
 * who wrote them. With `since` (a revision's state vector) text that already existed in that revision is
 * left without an author.
 */
export async function attributeClause(
  ctx: AppContext,
  documentId: string,
  clauseId: string,
  since: { id: string; name: string; stateVector: Map<number, number> } | null,
): Promise<AttributionResponse> {
  const index = await authorIndex(ctx, documentId);
  const doc = (await ctx.registry.get(documentId))!;
  const blocks: AttributionBlock[] = [];
  const used: number[] = [];

  const paragraph = (element: Y.XmlElement, label: string | null, depth: number): void => {
    const runs: AttributionBlock['runs'] = [];
    const push = (text: string, author: number): void => {
      const key = author >= 0 ? index.authors[author]!.key : null;
      if (author >= 0 && !used.includes(author)) used.push(author);
      const last = runs[runs.length - 1];
      if (last && last.author === key) last.text += text;
      else runs.push({ text, author: key });
    };
    element.toArray().forEach((child) => {
      if (!(child instanceof Y.XmlText)) return;
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const str = item.content.str;
        const { client, clock } = item.id;
        let offset = 0;
        const known = since?.stateVector.get(client) ?? 0;
        while (offset < str.length) {
          const at = clock + offset;
          // Text the chosen revision already had stays uncoloured; the rest is split where its author changes.
          const { author, end } = at < known ? { author: -1, end: known } : index.authorAt(client, at);
          const stop = Math.min(str.length, end - clock);
          push(str.slice(offset, stop), author);
          offset = stop;
        }
      }
    });
    blocks.push({ label, depth, runs });
  };

  const list = (element: Y.XmlElement, depth: number): void => {
    element.toArray().forEach((item, position) => {
      if (!(item instanceof Y.XmlElement)) return;
      item.toArray().forEach((part, partIndex) => {
        if (!(part instanceof Y.XmlElement)) return;
        if (part.nodeName === 'subparagraphs') list(part, depth + 1);
        else paragraph(part, partIndex === 0 ? `(${subparagraphLabel(depth, position + 1)})` : null, depth + 1);
      });
    });
  };

  getClauseFragment(doc, clauseId)
    .toArray()
    .forEach((block) => {
      if (!(block instanceof Y.XmlElement)) return;
      if (block.nodeName === 'subparagraphs') list(block, 0);
      else paragraph(block, null, 0);
    });

  return {
    clauseId,
    since: since ? { id: since.id, name: since.name } : null,
    blocks,
    authors: used.map((i) => index.authors[i]!),
  };
}
