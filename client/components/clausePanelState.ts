import type { CommentFilter, NegotiationData } from '../api/negotiationReducers.js';
import type { ClauseSelection } from './anchors.js';
import { hashId } from './scrollToHash.js';

/**
 * What the reader is doing with the clause panel on a document page (which clause, which tab, the words they
 * selected), and how each of their moves changes it: one pure reducer, kept while the page is read again.
 */

export type Tab = 'comments' | 'amendments';

export interface PanelView {
  /** The clause whose panel is open, or null (the panel shows how to choose one). */
  clauseId: string | null;
  tab: Tab;
  filter: CommentFilter;
  /** Words the reader selected in a clause's text. */
  selection: ClauseSelection | null;
  /** How many proposals were started from elsewhere (an edit handed back): the form reads its drafts again. */
  started: number;
}

export type PanelEvent =
  | { type: 'open'; clauseId: string; tab: Tab }
  | { type: 'close' }
  | { type: 'tab'; tab: Tab }
  | { type: 'filter'; filter: CommentFilter }
  /** Words selected in a clause: its panel opens on them (see `panelReducer`). */
  | { type: 'select'; selection: ClauseSelection }
  | { type: 'unselect' }
  /** A proposal started from elsewhere, its drafts written: the clause's amendments open on it. */
  | { type: 'started'; clauseId: string }
  /** The page was read again: a clause no longer on it has no panel. */
  | { type: 'clauses'; ids: readonly string[] };

export const PANEL_CLOSED: PanelView = { clauseId: null, tab: 'comments', filter: 'all', selection: null, started: 0 };

export function panelReducer(state: PanelView, event: PanelEvent): PanelView {
  switch (event.type) {
    case 'open':
      return { ...state, clauseId: event.clauseId, tab: event.tab };
    case 'close':
      return { ...state, clauseId: null };
    case 'tab':
      return { ...state, tab: event.tab };
    case 'filter':
      return { ...state, filter: event.filter };
    case 'select': {
      const { selection } = event;
      const same = state.selection;
      if (same && same.clauseId === selection.clauseId && same.quote === selection.quote) return state;
      // On a clause's amendments, selected words are to be amended; elsewhere, commented on.
      const amending = state.tab === 'amendments' && state.clauseId === selection.clauseId;
      return { ...state, selection, clauseId: selection.clauseId, tab: amending ? 'amendments' : 'comments' };
    }
    case 'unselect':
      return state.selection ? { ...state, selection: null } : state;
    case 'started':
      return { ...state, clauseId: event.clauseId, tab: 'amendments', started: state.started + 1 };
    case 'clauses':
      return state.clauseId && !event.ids.includes(state.clauseId) ? { ...state, clauseId: null } : state;
  }
}

/**
 * Where an address's hash points in the negotiation: `#comment-<id>` and `#amendment-<id>` name a thread (or
 * reply) or an amendment, whose clause's panel opens on its tab. Null for any other hash, or one not (yet) known.
 */
export function hashTarget(hash: string, data: NegotiationData): { clauseId: string; tab: Tab; id: string } | null {
  const id = hashId(hash);
  const [, kind, target] = /^(comment|amendment)-(.+)$/.exec(id) ?? [];
  if (kind === 'comment') {
    const comment = data.comments.find((c) => c.id === target);
    return comment ? { clauseId: comment.clauseId, tab: 'comments', id } : null;
  }
  if (kind === 'amendment') {
    const amendment = data.amendments.find((a) => a.id === target);
    return amendment ? { clauseId: amendment.clauseId, tab: 'amendments', id } : null;
  }
  return null;
}
