import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { withClauseStatus } from '../api/liveLists.js';
import type { ChosenText } from './documentReading.js';

/**
 * The document page's state and what each event does to it (DocumentView.tsx draws it): pure, with unit tests.
 * A clause's status, which the chair changes all through a plenary, is applied where it stands, so a room full
 * of readers does not fetch the whole document again each time. A change of what the server derives the page
 * from (the stage, a clause's kind, the version read) marks the page stale, and it is read again; each read
 * that lands is a new `build`, drawn afresh, except a check after a possibly missed event that found nothing the
 * drawing is made from changed.
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
  /**
   * The next read (or the one under way) is only a check after an event the page may have missed: it is drawn
   * afresh only if what the page is drawn from changed (`drawnFrom`); clauses' statuses are applied in place.
   */
  checking: boolean;
}

export type DocumentPageEvent =
  /** A new stage changes what everyone may do: read again. */
  | { type: 'document:stage' }
  /** Kinds decide numbering and sections: read again (order and text changes come by Yjs). */
  | { type: 'clause:kind' }
  | { type: 'clause:status'; clauseId: string; status: ClauseStatus }
  /** A clause of a version was marked (its status, its coverage): the version shown is read again. */
  | { type: 'translation:status'; lang: string }
  /** The reader chose another text, or a feature asked for a fresh copy. */
  | { type: 'stale' }
  /** An event went out that the page may have missed (before its first join, or while it was disconnected). */
  | { type: 'missed' }
  | { type: 'reading' }
  | { type: 'read'; text: ChosenText }
  | { type: 'read-failed' };

export function documentPageStart(text: ChosenText): DocumentPageState {
  return { text, build: 1, reading: false, stale: false, checking: false };
}

export function documentPageReducer(state: DocumentPageState, event: DocumentPageEvent): DocumentPageState {
  switch (event.type) {
    case 'document:stage':
    case 'clause:kind':
    case 'stale':
      return stale(state);
    case 'missed':
      return state.stale ? state : { ...state, stale: true, checking: true };
    case 'translation:status':
      return event.lang === state.text.choice.lang ? stale(state) : state;
    case 'clause:status':
      return withStatus(state, event.clauseId, event.status);
    case 'reading':
      return { ...state, reading: true, stale: false };
    case 'read':
      if (state.checking && drawnFrom(event.text) === drawnFrom(state.text))
        return { ...state, text: withStatuses(state.text, event.text), reading: false, checking: state.stale };
      return {
        ...state,
        text: event.text,
        build: state.build + 1,
        reading: false,
        checking: state.stale && state.checking,
      };
    case 'read-failed':
      return { ...state, reading: false };
  }
}

const stale = (state: DocumentPageState): DocumentPageState =>
  state.stale && !state.checking ? state : { ...state, stale: true, checking: false };

/**
 * What a drawing of the page is made from, as a string to compare: everything read but the clauses' statuses
 * (applied in place) and, where the page follows the original's live copy, what the original's clause text
 * says (the copy shows it: the words, the content, the open brackets). A busy room sends events all the time
 * (ballots, comments): a page that may have missed one reads again, and draws afresh only when this changed.
 * Kept per text, so that the text shown is not serialised again at every check (a document at its 2 MB limit).
 */
function drawnFrom(text: ChosenText): string {
  let key = drawings.get(text);
  if (key === undefined) {
    const live = !text.choice.lang || text.choice.parallel;
    const clauses = text.data.clauses.map(({ status: _status, text: words, content, openBrackets, ...rest }) =>
      live ? rest : { ...rest, words, content, openBrackets },
    );
    key = JSON.stringify([{ ...text.data, clauses }, text.version ?? null, text.choice]);
    drawings.set(text, key);
  }
  return key;
}
const drawings = new WeakMap<ChosenText, string>();

/** `shown` with the statuses of `read`'s clauses, each clause whose status did not change kept as it was. */
function withStatuses(shown: ChosenText, read: ChosenText): ChosenText {
  const statuses = new Map(read.data.clauses.map((c) => [c.id, c.status]));
  let changed = false;
  const clauses = shown.data.clauses.map((clause) => {
    const status = statuses.get(clause.id);
    if (status === undefined || status === clause.status) return clause;
    changed = true;
    return { ...clause, status };
  });
  if (!changed) return shown;
  const text = { ...shown, data: { ...shown.data, clauses } };
  // The same drawing, statuses aside.
  drawings.set(text, drawnFrom(shown));
  return text;
}

/**
 * A clause's new status, in place. A page being read may have left the server before this change, and a clause
 * not shown is news (one just added): the page is read again instead.
 */
function withStatus(state: DocumentPageState, clauseId: string, status: ClauseStatus): DocumentPageState {
  const { data } = state.text;
  const clause = data.clauses.find((c) => c.id === clauseId);
  if (state.reading || !clause) return stale(state);
  if (clause.status === status) return state;
  const text = { ...state.text, data: withClauseStatus(data, clauseId, status) };
  const drawn = drawings.get(state.text);
  if (drawn !== undefined) drawings.set(text, drawn); // a status is not part of it
  return { ...state, text };
}
