import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { withBracket } from '../api/brackets.js';

/**
 * The brackets page's state and what each event does to it (BracketsView.tsx draws it): pure, with unit
 * tests. A bracket's change or resolution is applied to the list; a change of stage, kind or status (the
 * references and who may resolve follow them), a switch of what is listed, or a bracket's change while the page
 * is being read marks it stale, and the page is read again once the read under way has landed.
 */
export interface BracketsState {
  data: DocumentJson;
  /** The open brackets, and the resolved ones too when `showResolved`. */
  brackets: BracketJson[];
  showResolved: boolean;
  reading: boolean;
  stale: boolean;
  /** How many resolutions were made from this page: the focus is looked after when one takes its bracket away. */
  resolutions: number;
}

export type BracketsEvent =
  | { type: 'reading' }
  | { type: 'read'; data: DocumentJson; brackets: BracketJson[] }
  | { type: 'read-failed' }
  /** The person asked for the resolved brackets too, or no more. */
  | { type: 'toggled'; showResolved: boolean }
  | { type: 'bracket:changed'; bracket: BracketJson }
  /** A bracket as the server answered its resolution from this page. */
  | { type: 'resolved'; bracket: BracketJson }
  /** The stage, a clause's kind or status changed, or the page is back in the room after a dropped connection. */
  | { type: 'stale' };

export function bracketsStart(data: DocumentJson, brackets: BracketJson[]): BracketsState {
  return { data, brackets, showResolved: false, reading: false, stale: false, resolutions: 0 };
}

export function bracketsReducer(state: BracketsState, event: BracketsEvent): BracketsState {
  switch (event.type) {
    case 'reading':
      return { ...state, reading: true, stale: false };
    case 'read':
      return { ...state, data: event.data, brackets: event.brackets, reading: false };
    case 'read-failed':
      return { ...state, reading: false };
    case 'toggled':
      return { ...state, showResolved: event.showResolved, stale: true };
    case 'bracket:changed':
      if (state.reading) return { ...state, stale: true };
      return { ...state, brackets: withBracket(state.brackets, event.bracket, !state.showResolved) };
    case 'resolved':
      return {
        ...state,
        brackets: withBracket(state.brackets, event.bracket, !state.showResolved),
        resolutions: state.resolutions + 1,
      };
    case 'stale':
      return { ...state, stale: true };
  }
}

/** A bracket as the page lists it: whether it is the first open one of its clause (where `#clause-<id>` lands). */
export interface ListedBracket {
  bracket: BracketJson;
  anchor: boolean;
}

/** The open brackets and the resolved ones, in the order of the list; the first open one of a clause anchored. */
export function listed(brackets: readonly BracketJson[]): { open: ListedBracket[]; resolved: ListedBracket[] } {
  const anchored = new Set<string>();
  const open = brackets
    .filter((b) => b.status === 'open')
    .map((bracket) => {
      const anchor = !anchored.has(bracket.clauseId);
      anchored.add(bracket.clauseId);
      return { bracket, anchor };
    });
  const resolved = brackets.filter((b) => b.status === 'resolved').map((bracket) => ({ bracket, anchor: false }));
  return { open, resolved };
}
