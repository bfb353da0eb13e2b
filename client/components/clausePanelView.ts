import type { Actions } from '../api/actions.js';
import { clauseCounts, type CommentFilter, type NegotiationData } from '../api/negotiationReducers.js';
import { h } from '../dom.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { nt } from './negotiationKit.js';
import type { NegotiationLists } from './negotiationLists.js';
import type { BracketList } from '../api/brackets.js';
import { hashId } from './scrollToHash.js';

/**
 * What the document page draws of negotiation without the clause panel's code: each clause's counters (the
 * buttons that open its panel), the panel's hint while no clause is chosen, and its "Loading…" while the
 * panel's chunk (NegotiationPanel.tsx) travels.
 */

export type Tab = 'comments' | 'amendments';

/** What the reader was doing on a document page, kept while the page re-renders for others' changes. */
export interface PanelState {
  clauseId: string | null;
  tab: Tab;
  filter: CommentFilter;
  selection: ClauseSelection | null;
  drafts: Map<string, string>;
  /** The reader's actions on this document (statuses, comments, amendments), kept while the page is rebuilt. */
  actions: Actions;
  /** How many proposals were started from elsewhere (an edit handed back): the form reads its drafts again. */
  started: number;
}

/** What the clause panel and the counters draw from, and how they ask for a change. */
export interface PanelContext {
  page: DocumentPage;
  state: PanelState;
  lists: NegotiationLists;
  /** The document's open brackets. */
  brackets: BracketList;
  anchors: AnchorMaker;
  /** Draws the bar, the counters and the panel again. */
  render(): void;
  /** Opens the panel on a clause's tab and moves the focus to it. */
  open(clauseId: string, tab: Tab): void;
  /** Closes the panel; the focus goes back to the clause's counter it was opened from. */
  close(): void;
  /** Reads a list again after the reader changed it, then draws again. */
  reloadComments(): Promise<void>;
  reloadAmendments(): Promise<void>;
}

const ICONS = {
  // A speech bubble, and a pen: drawn, so they show without an emoji font.
  comment: 'M2 3h12v8H7l-3 3v-3H2z',
  amend: 'M11 2l3 3-8 8H3v-3zM9.5 3.5l3 3',
};

function icon(name: keyof typeof ICONS): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/** The arrow keys move between a clause's counters (one Tab stop for the pair, a roving tabindex). */
function rove(event: KeyboardEvent): void {
  if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(event.key)) return;
  const here = event.currentTarget as HTMLElement;
  const buttons = [...(here.parentElement?.querySelectorAll<HTMLElement>('.counter-button') ?? [])];
  const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
  const next = buttons[(buttons.indexOf(here) + step + buttons.length) % buttons.length];
  if (!next || next === here) return;
  event.preventDefault();
  buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
  next.focus();
}

/** A clause's two counters beside its text: its threads (with the unread), its amendments awaiting a decision. */
export function renderCounters(box: HTMLElement, ctx: PanelContext, clauseId: string, ref: string): void {
  const { state } = ctx;
  const counts = clauseCounts(ctx.lists.data, clauseId);
  const fresh = counts.unread;
  box.replaceChildren(
    h(
      'button',
      {
        type: 'button',
        class: `counter-button comments${fresh ? ' unread' : ''}`,
        'aria-pressed': String(state.clauseId === clauseId && state.tab === 'comments'),
        onclick: () => ctx.open(clauseId, 'comments'),
        onkeydown: rove,
      },
      // Its name holds what it shows ("3 +1"), so a voice command naming what is seen finds it.
      h('span', { class: 'visually-hidden' }, `${nt('panel.commentsOn', { ref: refLabel(ref) })} `),
      icon('comment'),
      String(counts.threads),
      fresh ? h('span', { class: 'unread-dot' }, ` +${fresh}`) : null,
      fresh ? h('span', { class: 'visually-hidden' }, ` ${nt('panel.unreadSuffix')}`) : null,
    ),
    h(
      'button',
      {
        type: 'button',
        class: `counter-button amendments${counts.pending ? ' has-pending' : ''}`,
        'aria-label': nt('panel.amendmentsButton', { ref: refLabel(ref), count: counts.pending }),
        'aria-pressed': String(state.clauseId === clauseId && state.tab === 'amendments'),
        onclick: () => ctx.open(clauseId, 'amendments'),
        onkeydown: rove,
        // One Tab stop per clause: the arrow keys move from its comments to its amendments.
        tabindex: '-1',
      },
      h('span', { 'aria-hidden': 'true' }, icon('amend'), String(counts.pending)),
    ),
  );
}

/** The panel while no clause is chosen: how to choose one. */
export function pickHint(): HTMLElement[] {
  return [
    h('h2', { id: 'clause-panel-title', tabindex: '-1' }, nt('panel.title')),
    h('p', { class: 'hint' }, nt('panel.pick')),
  ];
}

/**
 * The panel while its code loads: the clause's title (where the focus goes) and, after `delay` ms, "Loading…";
 * a load that failed says so with a button to try again. Returns what shows the failure.
 */
export function panelLoading(
  panel: HTMLElement,
  ref: string,
  delay = 300,
): { failed(message: string, retry: () => void): void; cancel(): void } {
  const status = h('p', { class: 'hint panel-loading', role: 'status' });
  const timer = setTimeout(() => (status.textContent = t('common.loading')), delay);
  panel.replaceChildren(
    h('h2', { id: 'clause-panel-title', tabindex: '-1' }, nt('panel.clauseTitle', { ref: refLabel(ref) })),
    status,
  );
  return {
    failed(message, retry) {
      clearTimeout(timer);
      status.replaceWith(
        h('p', { class: 'form-error', role: 'alert' }, message),
        h('button', { type: 'button', class: 'small', onclick: retry }, t('common.retry')),
      );
    },
    cancel: () => clearTimeout(timer),
  };
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
