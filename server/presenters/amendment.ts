import type * as Y from 'yjs';
import { isPending, type AmendmentJson } from '../../shared/api/amendments.js';
import type { BoundedDiff } from '../../shared/domain/wordDiff.js';
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
import { compete, spanPlacer, viewSpan, type SpanPlacer } from './amendmentSpan.js';

/**
 * What presenting a document's amendments needs once, however many there are: current clause references and
 * texts from the live Y.Doc, proposers' names, co-sponsors, and the pending amendments per clause (to flag
 * conflicts). Built with `AmendmentPresenter.load`, which reads all of it.
 */
export class AmendmentPresenter {
  private readonly refs = new Map<string, string>();
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
    const ids = clauseOrder(live).filter((id) => meta.has(id));
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

  /**
   * A word diff from the cache (`diffCache.ts`). One computed now lets the event loop turn before the next, so
   * a listing that meets many new diffs never holds it for more than one.
   */
  private async diff(before: string, after: string): Promise<BoundedDiff> {
    const { value, fresh } = wordDiffs.get(before, after);
    if (fresh) await new Promise((resolve) => setImmediate(resolve));
    return value;
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

  /** One amendment of the document, against today's text. */
  async present(row: AmendmentRow): Promise<AmendmentJson> {
    const span = spanOf(row);
    // An amendment on a span proposes plain words, not markup.
    const textPlain = row.text === null ? null : span ? row.text : plainTextOf(row.id, row.text);
    const current = this.currentText(row.clause_id);
    const proposed = textPlain ?? '';
    const spanView = span ? viewSpan(this.placeSpan, row, span, current) : null;
    const before = spanView ? spanView.before : row.kind === 'insert_after' ? '' : row.base_text;
    const stale = spanView
      ? spanView.stale
      : isPending(row.status) && row.kind !== 'insert_after' && current !== null && current !== row.base_text;
    const after = spanView ? spanView.after : row.kind === 'delete' ? '' : proposed;
    const diff = await this.diff(before, after);
    const againstToday = spanView ? spanView.current : stale ? { before: current!, after } : undefined;
    const diffCurrent = againstToday ? await this.diff(againstToday.before, againstToday.after) : undefined;
    const conflicts =
      row.kind === 'insert_after' || !isPending(row.status)
        ? []
        : (this.pendingByClause.get(row.clause_id) ?? [])
            .filter((other) => other.id !== row.id && compete(this.placeSpan, row, other))
            .map((other) => other.id);
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

/** Every amendment to one clause, oldest first, presented against the live text. */
export async function presentClauseAmendments(
  ctx: AppContext,
  documentId: string,
  clauseId: string,
): Promise<AmendmentJson[]> {
  const rows = await ctx.store.amendments.forDocument(documentId);
  const presenter = await AmendmentPresenter.load(ctx, documentId, rows);
  const views: AmendmentJson[] = [];
  for (const row of rows) if (row.clause_id === clauseId) views.push(await presenter.present(row));
  return views;
}
