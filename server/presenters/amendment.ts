import type * as Y from 'yjs';
import { FINAL_AMENDMENT_STATUSES, isPending, type AmendmentJson } from '../../shared/api/amendments.js';
import type { BoundedDiff } from '../../shared/domain/wordDiff.js';
import type { AmendmentChanged, AmendmentPatch } from '../../shared/protocol/events.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { clauseOrder, readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow, SponsorRow } from '../db/repositories/amendments.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { wordDiffs } from './diffCache.js';
import { SizedCache } from './sizedCache.js';
import { textVersion } from './versions.js';
import { spanOf } from '../queries/amendmentSpans.js';
import { compete, spanPlacer, viewSpan, type SpanPlacer, type SpanView } from './amendmentSpan.js';

/** An amendment's view against today's text, short of its word diffs. */
interface Standing {
  textPlain: string | null;
  /** Today's plain text of its clause, null once the clause left the text. */
  current: string | null;
  spanView: SpanView | null;
  stale: boolean;
  conflicts: string[];
}

/**
 * What presenting a document's amendments needs once, however many there are: current clause references and
 * texts from the live Y.Doc, proposers' names, co-sponsors, and the pending amendments per clause (to flag
 * conflicts). Built with `AmendmentPresenter.load`, which reads all of it.
 */
export class AmendmentPresenter {
  private readonly refs = new Map<string, string>();
  /** The clauses in the text, in order; every clause the document ever had, with its kind. */
  private readonly order: string[];
  private readonly meta: Map<string, ClauseRow>;
  private readonly texts = new Map<string, string>();
  private readonly names = new Map<string, { username: string; displayName: string }>();
  private readonly pendingByClause = new Map<string, AmendmentRow[]>();
  private readonly placeSpan: SpanPlacer;

  /** Reads what presenting `rows` (a document's amendments) needs: the live text, clause kinds, co-sponsors. */
  static async load(ctx: AppContext, documentId: string, rows: readonly AmendmentRow[]): Promise<AmendmentPresenter> {
    const live = (await ctx.registry.get(documentId))!;
    const meta = await ctx.store.documents.clauses(documentId);
    const sponsors = await ctx.store.amendments.sponsorsForDocument(documentId);
    return new AmendmentPresenter(ctx, live, meta, sponsors, rows);
  }

  private constructor(
    private readonly ctx: AppContext,
    private readonly live: Y.Doc,
    meta: Map<string, ClauseRow>,
    private readonly sponsors: Map<string, SponsorRow[]>,
    rows: readonly AmendmentRow[],
  ) {
    this.placeSpan = spanPlacer(live);
    this.meta = meta;
    const ids = (this.order = clauseOrder(live).filter((id) => meta.has(id)));
    numberClauses(ids.map((id) => meta.get(id)!.kind)).forEach((label, i) => this.refs.set(ids[i]!, label.ref));
    for (const row of rows) {
      if (!isPending(row.status) || row.kind === 'insert_after') continue;
      const list = this.pendingByClause.get(row.clause_id) ?? [];
      list.push(row);
      this.pendingByClause.set(row.clause_id, list);
    }
  }

  /** Today's plain text of a clause in the text, or null once it left the text. */
  private currentText(clauseId: string): string | null {
    if (!this.refs.has(clauseId)) return null;
    let text = this.texts.get(clauseId);
    if (text === undefined) {
      text = currentPlainText(this.live, clauseId);
      this.texts.set(clauseId, text);
    }
    return text;
  }

  private async person(userId: string | null): Promise<{ username: string; displayName: string }> {
    if (!userId) return { username: '', displayName: '' };
    let person = this.names.get(userId);
    if (!person) {
      const user = await this.ctx.store.users.byId(userId);
      person = { username: user?.username ?? '', displayName: user?.display_name ?? '' };
      this.names.set(userId, person);
    }
    return person;
  }

  /** A word diff from the cache, or computed (a long one on the diff thread: `diffCache.ts`). */
  private diff(before: string, after: string): Promise<BoundedDiff> {
    return wordDiffs.diff(before, after);
  }

  /** True when `delegation` proposed the amendment or co-sponsors it. */
  involves(row: AmendmentRow, delegation: string): boolean {
    return row.delegation === delegation || (this.sponsors.get(row.id) ?? []).some((s) => s.delegation === delegation);
  }

  /**
   * `present(row)` as JSON, kept for as long as nothing it shows changes: its row (an amendment's texts never
   * change; its status, decision and dates do), its co-sponsors, its clause's reference, the live text's version
   * and the amendments it conflicts with. A listing of a hundred amendments at the clause limit is 11 MB, which
   * serialised anew for every reader held the event loop for a hundred milliseconds and more.
   */
  async presentJson(row: AmendmentRow): Promise<Buffer> {
    const conflicts =
      isPending(row.status) && row.kind !== 'insert_after'
        ? (this.pendingByClause.get(row.clause_id) ?? []).map((r) => r.id)
        : [];
    const key = JSON.stringify([
      row.id,
      row.status,
      row.updated_at,
      row.decided_at,
      row.decided_by,
      row.decision_note,
      row.applied,
      row.new_clause_id,
      this.sponsors.get(row.id) ?? [],
      this.refs.get(row.clause_id) ?? null,
      textVersion(this.live),
      conflicts,
    ]);
    let json = presentedJson.get(key);
    if (!json) {
      json = Buffer.from(JSON.stringify(await this.present(row)));
      presentedJson.set(key, json);
    }
    return json;
  }

  /**
   * What another amendment's change can alter in this one's view (`AmendmentPatch`): its conflicts, and
   * against today's text whether it is stale, where its span is, whether its clause is still there. With
   * `textChanged` false only `conflictsWith` can have moved, and only it is given.
   */
  patch(row: AmendmentRow, textChanged: boolean): AmendmentPatch {
    const { current, spanView, stale, conflicts } = this.standing(row);
    if (!textChanged) return { id: row.id, conflictsWith: conflicts };
    return {
      id: row.id,
      conflictsWith: conflicts,
      stale,
      clauseDeleted: current === null,
      clauseRef: this.refs.get(row.clause_id) ?? null,
      span: spanView?.span ?? null,
    };
  }

  /** Another amendment's reference to its clause, after a clause entered or left the text before it. */
  reference(row: AmendmentRow): AmendmentPatch {
    return { id: row.id, clauseRef: this.refs.get(row.clause_id) ?? null };
  }

  /**
   * Whether applying `changed` can have renumbered `row`'s clause: an inserted clause moves the references of
   * the clauses of its kind after it (numbering counts each kind apart); a deleted one those of its kind
   * after where it stood, which the text no longer says, so every one of its kind.
   */
  renumbers(changed: AmendmentRow, row: AmendmentRow): boolean {
    if (changed.applied !== 1 || changed.span || row.clause_id === changed.clause_id) return false;
    if (!this.refs.has(row.clause_id)) return false;
    const kind = (id: string | null): string | undefined => (id ? this.meta.get(id)?.kind : undefined);
    if (changed.kind === 'delete') return kind(row.clause_id) === kind(changed.clause_id);
    if (changed.kind !== 'insert_after' || !changed.new_clause_id) return false;
    const inserted = this.order.indexOf(changed.new_clause_id);
    return (
      inserted >= 0 &&
      this.order.indexOf(row.clause_id) > inserted &&
      kind(row.clause_id) === kind(changed.new_clause_id)
    );
  }

  /** Whether the clause is part of the text today. */
  inText(clauseId: string): boolean {
    return this.refs.has(clauseId);
  }

  /** Whether `a`'s entering or leaving the pending amendments moves `b`'s conflicts: they compete. */
  competes(a: AmendmentRow, b: AmendmentRow): boolean {
    const eligible = (row: AmendmentRow): boolean => row.kind !== 'insert_after' && row.clause_id === a.clause_id;
    return a.id !== b.id && eligible(a) && eligible(b) && isPending(b.status) && compete(this.placeSpan, a, b);
  }

  /** An amendment's standing against today's text, without its word diffs (those cost; this does not). */
  private standing(row: AmendmentRow): Standing {
    const span = spanOf(row);
    // An amendment on a span proposes plain words, not markup.
    const textPlain = row.text === null ? null : span ? row.text : plainTextOf(row.id, row.text);
    const current = this.currentText(row.clause_id);
    const spanView = span ? viewSpan(this.placeSpan, row, span, current) : null;
    const stale = spanView
      ? spanView.stale
      : isPending(row.status) && row.kind !== 'insert_after' && current !== null && current !== row.base_text;
    const conflicts =
      row.kind === 'insert_after' || !isPending(row.status)
        ? []
        : (this.pendingByClause.get(row.clause_id) ?? [])
            .filter((other) => other.id !== row.id && compete(this.placeSpan, row, other))
            .map((other) => other.id);
    return { textPlain, current, spanView, stale, conflicts };
  }

  /** One amendment of the document, against today's text. */
  async present(row: AmendmentRow): Promise<AmendmentJson> {
    const { textPlain, current, spanView, stale, conflicts } = this.standing(row);
    const proposed = textPlain ?? '';
    const before = spanView ? spanView.before : row.kind === 'insert_after' ? '' : row.base_text;
    const after = spanView ? spanView.after : row.kind === 'delete' ? '' : proposed;
    const diff = await this.diff(before, after);
    const againstToday = spanView ? spanView.current : stale ? { before: current!, after } : undefined;
    const diffCurrent = againstToday ? await this.diff(againstToday.before, againstToday.after) : undefined;
    return {
      id: row.id,
      documentId: row.document_id,
      clauseId: row.clause_id,
      clauseRef: this.refs.get(row.clause_id) ?? null,
      kind: row.kind,
      text: row.text,
      textPlain,
      rationale: row.rationale,
      delegation: row.delegation,
      proposer: await this.person(row.proposer_id),
      cosponsors: (this.sponsors.get(row.id) ?? []).map((s) => ({ delegation: s.delegation, joinedAt: s.joined_at })),
      status: row.status,
      baseText: row.base_text,
      stale,
      clauseDeleted: current === null,
      diff: diff.diff,
      diffGranularity: diff.granularity,
      ...(diffCurrent ? { diffCurrent: diffCurrent.diff, diffCurrentGranularity: diffCurrent.granularity } : {}),
      span: spanView?.span ?? null,
      conflictsWith: conflicts,
      decision: row.decided_at
        ? { note: row.decision_note, by: (await this.person(row.decided_by)).username || null, at: row.decided_at }
        : null,
      applied: row.applied === 1,
      newClauseId: row.new_clause_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

/** Presented amendments as JSON, by everything they show (see `presentJson`), at most 48 MB. */
const presentedJson = new SizedCache<Buffer>(48 * 1024 * 1024, (json) => json.length);

/**
 * Clauses' plain texts as the live text has them, by version of the text (`versions.ts`): read once per
 * change, not once per reader and clause (a clause at the limit takes a millisecond or two to read). At most
 * 4 million characters.
 */
const currentTexts = new SizedCache<string>(4_000_000, (text) => text.length);

function currentPlainText(live: Y.Doc, clauseId: string): string {
  const key = `${textVersion(live)}|${clauseId}`;
  let text = currentTexts.get(key);
  if (text === undefined) {
    text = clauseToPlainText(readClause(live, clauseId));
    currentTexts.set(key, text);
  }
  return text;
}

/**
 * Plain texts of proposed texts, by amendment (a proposal's text never changes): parsed once, not per reader.
 * At most 8 million characters of markup and text.
 */
const plainTexts = new SizedCache<{ markup: string; plain: string }>(
  8_000_000,
  (entry) => entry.markup.length + entry.plain.length,
);

function plainTextOf(id: string, markup: string): string {
  const known = plainTexts.get(id);
  if (known?.markup === markup) return known.plain;
  const plain = clauseToPlainText(parseMarkup(markup));
  plainTexts.set(id, { markup, plain });
  return plain;
}

/** One amendment, presented against the live text. */
export async function presentAmendment(ctx: AppContext, row: AmendmentRow): Promise<AmendmentJson> {
  const rows = await ctx.store.amendments.forDocument(row.document_id);
  const presenter = await AmendmentPresenter.load(ctx, row.document_id, rows);
  return presenter.present((await ctx.store.amendments.get(row.id)) ?? row);
}

/**
 * The changes that move an amendment into or out of the pending ones (and so others' conflicts): its proposal,
 * and each change to a final status, which the change is named after.
 */
function settles(change: AmendmentChanged['change']): boolean {
  return change === 'proposed' || (FINAL_AMENDMENT_STATUSES as readonly string[]).includes(change);
}

/**
 * What an `amendment:changed` event carries once the change has committed: the amendment whole, and a small
 * patch for each other amendment of its clause whose view the change altered (see `AmendmentPatch`), and for
 * each amendment of a clause its insertion or deletion renumbered. Entering
 * or leaving the pending ones alters those it competes with; applying it to its clause's text may alter the
 * clause's pending amendments and those on spans (and every one, when the clause left the text). The changed
 * amendment is read again: the caller's row predates the change.
 */
export async function presentAmendmentChange(
  ctx: AppContext,
  documentId: string,
  amendmentId: string,
  change: AmendmentChanged['change'],
): Promise<Pick<AmendmentChanged, 'amendment' | 'others'>> {
  const rows = await ctx.store.amendments.forDocument(documentId);
  const presenter = await AmendmentPresenter.load(ctx, documentId, rows);
  const changed = rows.find((row) => row.id === amendmentId)!;
  const textChanged = changed.applied === 1 && changed.kind !== 'insert_after';
  // A decided whole-clause amendment shows itself against the text it was written against: a new text moves
  // nothing in it unless the clause left the text.
  const clauseLeft = !presenter.inText(changed.clause_id);
  const movedByText = (row: AmendmentRow): boolean => isPending(row.status) || !!row.span || clauseLeft;
  const others = rows.filter(
    (row) =>
      row.clause_id === changed.clause_id &&
      row.id !== changed.id &&
      (textChanged ? movedByText(row) : settles(change) && presenter.competes(changed, row)),
  );
  // A clause entering or leaving the text renumbers those after it: their amendments' references move.
  const renumbered = rows.filter((row) => presenter.renumbers(changed, row));
  return {
    amendment: await presenter.present(changed),
    others: [
      ...others.map((row) => presenter.patch(row, textChanged)),
      ...renumbered.map((row) => presenter.reference(row)),
    ],
  };
}
