import type { GalleryChange } from '../../shared/api/gallery.js';
import type { Language } from '../../shared/domain/countries.js';
import type { GalleryState } from './state.js';
import { renderClause, renderDiscussing, renderHeader, renderVotes, shownClauses } from './render.js';

/** A published document as last rendered: its state and each shown clause's HTML, in order. */
export interface Rendition {
  state: GalleryState;
  clauses: Map<string, { number: string | null; html: string }>;
}

/**
 * What changed between two renditions, in the neutral part (clauses, order, the pointer) and which localized
 * parts must be rendered again. One record per event; its frames are built once per language, on first need.
 */
export interface ChangeRecord {
  seq: number;
  rendition: Rendition;
  clauses: GalleryChange['clauses'];
  discussing: boolean;
  header: boolean;
  votes: boolean;
  frames: Map<Language, string>;
}

/** Renders every shown clause of `state`. */
export function render(state: GalleryState): Rendition {
  const clauses = new Map<string, { number: string | null; html: string }>();
  for (const clause of shownClauses(state))
    clauses.set(clause.id, { number: clause.number, html: renderClause(clause) });
  return { state, clauses };
}

const sameOrder = (a: Rendition, b: Rendition): boolean => {
  const x = [...a.clauses.keys()];
  const y = [...b.clauses.keys()];
  return x.length === y.length && x.every((id, i) => id === y[i]);
};

/** The change from `before` to `after`, or null when nothing the page shows differs. */
export function diff(before: Rendition, after: Rendition, seq: number): ChangeRecord | null {
  const clauses = [...after.clauses]
    .filter(([id, clause]) => before.clauses.get(id)?.html !== clause.html)
    .map(([id, clause]) => ({ id, ...clause }));
  const a = before.state;
  const b = after.state;
  const header = a.title !== b.title || a.stage !== b.stage;
  const discussing =
    a.discussing !== b.discussing ||
    (b.discussing !== null && before.clauses.get(b.discussing)?.html !== after.clauses.get(b.discussing)?.html);
  const votes = JSON.stringify(a.votes) !== JSON.stringify(b.votes);
  if (!clauses.length && !header && !discussing && !votes && sameOrder(before, after)) return null;
  return { seq, rendition: after, clauses, discussing, header, votes, frames: new Map() };
}

/** A full record: every clause and every part, for a stream that starts from nothing. */
export function snapshotOf(rendition: Rendition, seq: number): ChangeRecord {
  const clauses = [...rendition.clauses].map(([id, clause]) => ({ id, ...clause }));
  return { seq, rendition, clauses, discussing: true, header: true, votes: true, frames: new Map() };
}

/** The event's payload in `language`. */
export function changeOf(record: ChangeRecord, language: Language): GalleryChange {
  const { state } = record.rendition;
  return {
    clauses: record.clauses,
    order: [...record.rendition.clauses.keys()],
    ...(record.discussing ? { discussing: state.discussing, discussingHtml: renderDiscussing(state, language) } : {}),
    ...(record.header ? { headerHtml: renderHeader(state, language) } : {}),
    ...(record.votes ? { votesHtml: renderVotes(state, language) } : {}),
  };
}

/** The event as written on the stream (`id`, `event`, one `data` line: JSON has no raw line break). */
export function frameOf(record: ChangeRecord, language: Language, epoch: string, event: 'change' | 'snapshot'): string {
  let frame = record.frames.get(language);
  if (!frame) {
    frame = `id: ${epoch}.${record.seq}\nevent: ${event}\ndata: ${JSON.stringify(changeOf(record, language))}\n\n`;
    record.frames.set(language, frame);
  }
  return frame;
}
