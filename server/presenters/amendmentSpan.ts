import type * as Y from 'yjs';
import { isPending, spanAction, type AmendmentJson } from '../../shared/api/amendments.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { placeSpan, spanOf, type PlacedSpan, type StoredSpan } from '../queries/amendmentSpans.js';

/** What presenting an amendment on a span needs beside its row: the texts its diffs compare. */
export interface SpanView {
  span: NonNullable<AmendmentJson['span']>;
  stale: boolean;
  /** The clause before and after the change: today's text while the span is live and pending, else the base. */
  before: string;
  after: string;
  /**
   * When stale and still found: today's clause, and today's clause with its words there now replaced, which is
   * what accepting it now (confirmed) would do.
   */
  current?: { before: string; after: string };
}

/** True when a placed span still stands for one stretch of one paragraph. */
function resolved(placed: PlacedSpan | null): placed is PlacedSpan {
  return !!placed && !!placed.text && placed.from <= placed.to;
}

/**
 * An amendment on a span against the live text (`current`: its clause's text today, null once it left the
 * text; `place` finds its words there). A pending amendment whose words are still the ones it quoted shows its change in today's clause; a
 * stale or decided one shows it in the text it was written against.
 */
export function viewSpan(place: SpanPlacer, row: AmendmentRow, span: StoredSpan, current: string | null): SpanView {
  const placed = current === null ? null : place(row);
  const ok = resolved(placed);
  const words = row.kind === 'delete' ? '' : (row.text ?? '');
  const currentQuote = ok ? placed.words : '';
  const stale = isPending(row.status) && current !== null && (!ok || currentQuote !== span.quote);
  const liveChange = isPending(row.status) && ok && !stale;
  const [text, from, to] = liveChange
    ? [current!, placed.from, placed.to]
    : [row.base_text, span.at, span.at + span.quote.length];
  return {
    span: {
      action: spanAction(row.kind, span.quote),
      quote: span.quote,
      currentQuote,
      range: ok ? [placed.from, placed.to] : null,
    },
    stale,
    before: text,
    after: text.slice(0, from) + words + text.slice(to),
    ...(stale && ok
      ? { current: { before: current!, after: current!.slice(0, placed.from) + words + current!.slice(placed.to) } }
      : {}),
  };
}

/** Where a row's span is in today's text (null for a whole-clause amendment, or a span not found). */
export type SpanPlacer = (row: AmendmentRow) => PlacedSpan | null;

/** A `SpanPlacer` over `live` that places each row once (a listing compares every pair of a clause's spans). */
export function spanPlacer(live: Y.Doc): SpanPlacer {
  const known = new Map<string, PlacedSpan | null>();
  return (row) => {
    if (!known.has(row.id)) {
      const span = spanOf(row);
      known.set(row.id, span ? placeSpan(live, row.clause_id, span) : null);
    }
    return known.get(row.id)!;
  };
}

/**
 * Whether two pending amendments of one clause compete: a whole-clause amendment competes with every other;
 * two on spans only when their words overlap (or they insert at the same place), as placed in today's text.
 */
export function compete(place: SpanPlacer, a: AmendmentRow, b: AmendmentRow): boolean {
  if (!a.span || !b.span) return true;
  const [pa, pb] = [place(a), place(b)];
  if (!resolved(pa) || !resolved(pb)) return true;
  if (pa.from === pa.to || pb.from === pb.to) return pa.from <= pb.to && pb.from <= pa.to;
  return pa.from < pb.to && pb.from < pa.to;
}
