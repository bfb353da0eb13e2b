import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { withClauseStatus } from '../api/liveLists.js';
import type { ChosenText } from './documentReading.js';

/**
 * The document page's state and what each event does to it (DocumentView.tsx draws it): pure, with unit tests.
 * A clause's status, which the chair changes all through a plenary, is applied where it stands, so a room full
 * of readers does not fetch the whole document again each time. A change of what the server derives the page
 * from (the stage, a clause's kind, the version read) marks the page stale, and it is read again; each read
 * that lands is a new `build`, drawn afresh.
 */
export interface DocumentPageState {
  /** The text shown: the page's data, the version beside it, the reader's choice as the document allows it. */
  text: ChosenText;
  /** Counts the reads that landed: the page is drawn afresh for each (the features' slots are new). */
  build: number;
  /** A read is under way. */
  reading: boolean;
  /** What is shown may be out of date: the page is to be read again (once the read under way has landed). */
  stale: boolean;
}

export type DocumentPageEvent =
  /** A new stage changes what everyone may do: read again. */
  | { type: 'document:stage' }
  /** Kinds decide numbering and sections: read again (order and text changes come by Yjs). */
  | { type: 'clause:kind' }
  | { type: 'clause:status'; clauseId: string; status: ClauseStatus }
  /** A clause of a version was marked (its status, its coverage): the version shown is read again. */
  | { type: 'translation:status'; lang: string }
  /** The reader chose another text, a feature asked for a fresh copy, or the page is back in the room. */
  | { type: 'stale' }
  | { type: 'reading' }
  | { type: 'read'; text: ChosenText }
  | { type: 'read-failed' };

export function documentPageStart(text: ChosenText): DocumentPageState {
  return { text, build: 1, reading: false, stale: false };
}

export function documentPageReducer(state: DocumentPageState, event: DocumentPageEvent): DocumentPageState {
  switch (event.type) {
    case 'document:stage':
    case 'clause:kind':
    case 'stale':
      return stale(state);
    case 'translation:status':
      return event.lang === state.text.choice.lang ? stale(state) : state;
    case 'clause:status':
      return withStatus(state, event.clauseId, event.status);
    case 'reading':
      return { ...state, reading: true, stale: false };
    case 'read':
      return { ...state, text: event.text, build: state.build + 1, reading: false };
    case 'read-failed':
      return { ...state, reading: false };
  }
}

const stale = (state: DocumentPageState): DocumentPageState => (state.stale ? state : { ...state, stale: true });

/**
 * A clause's new status, in place. A page being read may have left the server before this change, and a clause
 * not shown is news (one just added): the page is read again instead.
 */
function withStatus(state: DocumentPageState, clauseId: string, status: ClauseStatus): DocumentPageState {
  const { data } = state.text;
  const clause = data.clauses.find((c) => c.id === clauseId);
  if (state.reading || !clause) return stale(state);
  if (clause.status === status) return state;
  return { ...state, text: { ...state.text, data: withClauseStatus(data, clauseId, status) } };
}
