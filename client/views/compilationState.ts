import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { furthestFirst } from '../../shared/domain/voteOrder.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { withClauseAmendments, withClauseStatus } from '../api/liveLists.js';

/**
 * The compilation page's state and what each event does to it (CompilationView.tsx draws it): pure, with unit
 * tests. A change of amendments or of a clause's status is applied to what is shown; a stage, a kind, a changed
 * text (an accepted or adopted amendment), a clause the page lacks, or any change while the page is being read
 * marks it stale, and the page is read again (once the read under way has landed).
 */
export interface CompilationState {
  data: DocumentJson;
  amendments: AmendmentJson[];
  /** Open brackets placed over the text, which the status bar counts beside those typed in it. */
  placed: number;
  /** A read of the page is under way. */
  reading: boolean;
  /** What is shown is out of date: the page is to be read again. */
  stale: boolean;
}

export type CompilationEvent =
  | { type: 'reading' }
  | { type: 'read'; data: DocumentJson; amendments: AmendmentJson[]; placed: number }
  | { type: 'read-failed' }
  | { type: 'amendment:changed'; change: AmendmentChanged }
  | { type: 'clause:status'; clauseId: string; status: ClauseStatus }
  | { type: 'document:stage' }
  | { type: 'clause:kind' }
  /** A bracket changed, or the page is back in the document's room after a dropped connection. */
  | { type: 'stale' };

export function compilationStart(data: DocumentJson, amendments: AmendmentJson[], placed = 0): CompilationState {
  return { data, amendments, placed, reading: false, stale: false };
}

export function compilationReducer(state: CompilationState, event: CompilationEvent): CompilationState {
  const stale = { ...state, stale: true };
  switch (event.type) {
    case 'reading':
      return { ...state, reading: true, stale: false };
    case 'read':
      return { ...state, data: event.data, amendments: event.amendments, placed: event.placed, reading: false };
    case 'read-failed':
      return { ...state, reading: false };
    case 'amendment:changed': {
      const { change } = event;
      if (state.reading || change.change === 'accepted' || change.change === 'adopted') return stale;
      return { ...state, amendments: withClauseAmendments(state.amendments, change) };
    }
    case 'clause:status':
      if (state.reading || !state.data.clauses.some((c) => c.id === event.clauseId)) return stale;
      return { ...state, data: withClauseStatus(state.data, event.clauseId, event.status) };
    // A kind changes the numbers the compilation lists amendments under.
    case 'document:stage':
    case 'clause:kind':
    case 'stale':
      return stale;
  }
}

/** Amendments to one clause: those awaiting a decision first, furthest from the original first, then the rest. */
export const ordered = (list: readonly AmendmentJson[]): AmendmentJson[] => [
  ...furthestFirst(list.filter((a) => isPending(a.status))),
  ...list.filter((a) => !isPending(a.status)),
];

/** What the page draws, derived from its state. */
export interface Compiled {
  /** Each clause's amendments, in the order the page lists them. */
  byClause: Map<string, AmendmentJson[]>;
  /** What awaits a decision, clause by clause, in the order it would be put to the vote. */
  pending: AmendmentJson[];
  /** Clauses (not the title, not headings) not yet agreed ad referendum. */
  undecided: ClauseJson[];
  /** Amendments whose clause left the text (deleted by another amendment or by the secretariat): kept on record. */
  orphans: AmendmentJson[];
}

export function compile(data: DocumentJson, amendments: readonly AmendmentJson[]): Compiled {
  const grouped = new Map<string, AmendmentJson[]>();
  for (const a of amendments) grouped.set(a.clauseId, [...(grouped.get(a.clauseId) ?? []), a]);
  const byClause = new Map([...grouped].map(([id, list]) => [id, ordered(list)]));
  const present = new Set(data.clauses.map((c) => c.id));
  return {
    byClause,
    pending: data.clauses.flatMap((c) => (byClause.get(c.id) ?? []).filter((a) => isPending(a.status))),
    undecided: data.clauses.filter((c) => c.kind !== 'title' && c.kind !== 'heading' && c.status !== 'agreed_ad_ref'),
    orphans: amendments.filter((a) => !present.has(a.clauseId)),
  };
}
