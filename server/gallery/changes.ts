import type { GalleryChange } from '../../shared/api/gallery.js';
import { LANGUAGES, type Language } from '../../shared/domain/countries.js';
import type { ExportClause } from '../export/model.js';
import type { GalleryState } from './state.js';
import { renderClause, renderDiscussing, renderHeader, renderVotes, shownClauses } from './render.js';

/** A published document as last rendered: its state and each shown clause's HTML, in order. */
export interface Rendition {
  state: GalleryState;
  clauses: Map<string, { number: string | null; html: string }>;
}

/** The localized parts of an event: present only where they changed. */
type LocalizedParts = Pick<GalleryChange, 'discussingHtml' | 'headerHtml' | 'votesHtml'>;

/**
 * One event: what changed between two renditions, as the strings it sends. Its localized parts are rendered
 * for every language when it is made (three small renders), so a record kept for viewers who reconnect holds
 * no document state; its frames are built once per language, on first need.
 */
export interface ChangeRecord {
  seq: number;
  clauses: GalleryChange['clauses'];
  order: string[];
  /** The clause under discussion, when it (or its text) changed. */
  discussing?: string | null;
  localized: Record<Language, LocalizedParts>;
  frames: Map<Language, string>;
}

/** Each clause's HTML, kept by the clause object: the clause cache hands back the same object while it is unchanged. */
const rendered = new WeakMap<ExportClause, string>();

/** Renders every shown clause of `state` (again only those whose clause object is new). */
export function render(state: GalleryState): Rendition {
  const clauses = new Map<string, { number: string | null; html: string }>();
  for (const clause of shownClauses(state)) {
    let html = rendered.get(clause);
    if (html === undefined) rendered.set(clause, (html = renderClause(clause)));
    clauses.set(clause.id, { number: clause.number, html });
  }
  return { state, clauses };
}

const sameOrder = (a: Rendition, b: Rendition): boolean => {
  const x = [...a.clauses.keys()];
  const y = [...b.clauses.keys()];
  return x.length === y.length && x.every((id, i) => id === y[i]);
};

function recordOf(
  seq: number,
  after: Rendition,
  clauses: GalleryChange['clauses'],
  parts: { discussing: boolean; header: boolean; votes: boolean },
): ChangeRecord {
  const { state } = after;
  const localized = Object.fromEntries(
    LANGUAGES.map((language): [Language, LocalizedParts] => [
      language,
      {
        ...(parts.discussing ? { discussingHtml: renderDiscussing(state, language) } : {}),
        ...(parts.header ? { headerHtml: renderHeader(state, language) } : {}),
        ...(parts.votes ? { votesHtml: renderVotes(state, language) } : {}),
      },
    ]),
  ) as Record<Language, LocalizedParts>;
  return {
    seq,
    clauses,
    order: [...after.clauses.keys()],
    ...(parts.discussing ? { discussing: state.discussing } : {}),
    localized,
    frames: new Map(),
  };
}

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
  return recordOf(seq, after, clauses, { discussing, header, votes });
}

/** A full record: every clause and every part, for a stream that starts from nothing. */
export function snapshotOf(rendition: Rendition, seq: number): ChangeRecord {
  const clauses = [...rendition.clauses].map(([id, clause]) => ({ id, ...clause }));
  return recordOf(seq, rendition, clauses, { discussing: true, header: true, votes: true });
}

/** The event's payload in `language`. */
export function changeOf(record: ChangeRecord, language: Language): GalleryChange {
  return {
    clauses: record.clauses,
    order: record.order,
    ...(record.discussing !== undefined ? { discussing: record.discussing } : {}),
    ...record.localized[language],
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
