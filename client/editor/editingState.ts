import type { EditorView } from 'prosemirror-view';
import type { DenialReason } from '../../shared/domain/permissions.js';
import type { Actions } from '../api/actions.js';
import type { DocumentPage } from '../views/documentExtensions.js';
import type { PresenceGroup } from './presence.js';
import { DOCUMENT_WIDE } from './readOnly.js';
import type { ClauseStructure } from './structure.js';
import type { UnsavedEdit } from './unsaved.js';

/**
 * What the editing feature shows on the document page, in one state: the editors and the connection (imperative,
 * in `feature.ts`) tell it what happened through `editingReducer`, and the feature's components (`parts.tsx`)
 * draw from it. One drawing of the page (`CoEditing`) owns it from `drawn` until `gone`.
 */

/** The one line above the text about the connection or what was typed; `kind` says when it may go. */
export interface Notice {
  text: string;
  kind: 'offline' | 'refused' | 'stop';
}

/** The suggestion switch as it stands (docs/negotiation.md, "Suggestion mode"). */
export interface Suggesting {
  /** Whether typing makes suggestions now. */
  on: boolean;
  /** Whether this person must suggest (the secretariat requires it of delegations): "Edit" is not theirs. */
  forced: boolean;
  /** Whether the secretariat requires delegations to suggest. */
  required: boolean;
}

/** A clause being dragged by its handle, and where it would land now. */
export interface Drag {
  clauseId: string;
  drop: { clauseId: string; before: boolean } | null;
}

/** What the components call back into: the imperative side of the one drawing that owns the state. */
export interface EditingControls {
  /** The editor that last had the focus: the formatting buttons act on it. */
  focusedView(): EditorView | undefined;
  /** Structure commands, where this person may change the structure of some clause; else null. */
  structure: ClauseStructure | null;
  /** The person picks suggesting (true) or editing; the secretariat sets the requirement. */
  suggest(on: boolean): void;
  require(required: boolean): void;
  /** Where the requirement switch's action runs (its state and error). */
  actions: Actions;
  /** The person dismissed a refused text: it goes, and its clause's editor takes the focus. */
  dismissUnsaved(clauseId: string): void;
}

/**
 * What the editing feature uses of the page it is drawn on: the clauses' elements (an editor in each body), the
 * page's data, a fresh read, status changes in place, and its marks. Its visible pieces are parts (`parts.tsx`).
 */
export type EditingPage = Pick<
  DocumentPage,
  'documentId' | 'data' | 'user' | 'clauses' | 'refresh' | 'onClauseStatus' | 'editing' | 'mark'
>;

export interface EditingState {
  /** The drawing that owns the state, or null while none does (a version read alone, between drawings). */
  controls: EditingControls | null;
  /** Why this person may not write each clause now (null: they may). */
  reasons: Readonly<Record<string, DenialReason | null>>;
  /** Whether the clauses show them (`is-editable`, "locked"): once the editors' copy has synced. */
  reasonsShown: boolean;
  /** Whether the formatting tools are offered: once some clause has been open to this person. */
  tools: boolean;
  notice: Notice | null;
  /** The person's texts the server did not keep, by clause id. */
  unsaved: Readonly<Record<string, UnsavedEdit>>;
  /** Clauses' lengths from 90 % of the limit on, by clause id: each shows a counter. */
  counters: Readonly<Record<string, number>>;
  presence: readonly PresenceGroup[];
  suggesting: Suggesting | null;
  /** The clause whose editor last had the focus (the structure tools act on it). */
  current: string | null;
  /** Whether the focus is in an editor or the tools now (the tools show only then). */
  typing: boolean;
  drag: Drag | null;
}

export type EditingEvent =
  | { type: 'drawn'; controls: EditingControls; reasons: Record<string, DenialReason | null> }
  | { type: 'gone'; controls: EditingControls }
  | { type: 'reason'; clauseId: string; reason: DenialReason | null }
  | { type: 'reasons-shown' }
  | { type: 'notice'; notice: Notice }
  | { type: 'connected' }
  | { type: 'unsaved'; unsaved: Record<string, UnsavedEdit> }
  /** A clause's length near its limit, or null once it is not. */
  | { type: 'length'; clauseId: string; length: number | null }
  | { type: 'presence'; groups: readonly PresenceGroup[] }
  | { type: 'suggesting'; suggesting: Suggesting }
  | { type: 'focus'; clauseId: string }
  | { type: 'typing'; typing: boolean }
  | { type: 'drag'; drag: Drag | null };

export const editingStart: EditingState = {
  controls: null,
  reasons: {},
  reasonsShown: false,
  tools: false,
  notice: null,
  unsaved: {},
  counters: {},
  presence: [],
  suggesting: null,
  current: null,
  typing: false,
  drag: null,
};

const anyOpen = (reasons: Readonly<Record<string, DenialReason | null>>): boolean =>
  Object.values(reasons).some((r) => r === null);

const sameDrag = (a: Drag | null, b: Drag | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.clauseId === b.clauseId &&
    a.drop?.clauseId === b.drop?.clauseId &&
    a.drop?.before === b.drop?.before);

export function editingReducer(state: EditingState, event: EditingEvent): EditingState {
  switch (event.type) {
    case 'drawn':
      return { ...editingStart, controls: event.controls, reasons: event.reasons, tools: anyOpen(event.reasons) };
    case 'gone':
      // A drawing that has already handed over (the next one drew first) leaves its successor's state alone.
      return state.controls === event.controls ? editingStart : state;
    case 'reason': {
      if (state.reasons[event.clauseId] === event.reason) return state;
      const reasons = { ...state.reasons, [event.clauseId]: event.reason };
      return { ...state, reasons, tools: state.tools || event.reason === null };
    }
    case 'reasons-shown':
      return state.reasonsShown ? state : { ...state, reasonsShown: true };
    case 'notice':
      return { ...state, notice: event.notice };
    case 'connected':
      // The connection is back: a line that said it was lost goes; a refusal stays until replaced.
      return state.notice?.kind === 'offline' ? { ...state, notice: null } : state;
    case 'unsaved':
      return { ...state, unsaved: event.unsaved };
    case 'length': {
      const { [event.clauseId]: shown, ...others } = state.counters;
      if (shown === (event.length ?? undefined)) return state;
      return { ...state, counters: event.length === null ? others : { ...others, [event.clauseId]: event.length } };
    }
    case 'presence':
      return { ...state, presence: event.groups };
    case 'suggesting':
      return { ...state, suggesting: event.suggesting };
    case 'focus':
      return state.current === event.clauseId ? state : { ...state, current: event.clauseId };
    case 'typing':
      return state.typing === event.typing ? state : { ...state, typing: event.typing };
    case 'drag':
      return sameDrag(state.drag, event.drag) ? state : { ...state, drag: event.drag };
  }
}

/**
 * A reason that holds for the whole document when no clause is open to this person ("your role does not allow
 * editing"), said once above the text instead of on every clause; null otherwise.
 */
export function documentWideReason(state: EditingState): DenialReason | null {
  const reasons = Object.values(state.reasons);
  if (reasons.length === 0 || reasons.some((r) => r === null)) return null;
  return reasons.find((r): r is DenialReason => r !== null && DOCUMENT_WIDE.has(r)) ?? null;
}

/** The classes the editing feature gives a clause's element: open to this person, dragged, a drop target. */
export function clauseClasses(state: EditingState, clauseId: string): string | null {
  const names: string[] = [];
  if (state.reasonsShown && state.reasons[clauseId] === null) names.push('is-editable');
  const { drag } = state;
  if (drag?.clauseId === clauseId) names.push('is-dragged');
  if (drag?.drop?.clauseId === clauseId) names.push(drag.drop.before ? 'drop-before' : 'drop-after');
  return names.length > 0 ? names.join(' ') : null;
}
