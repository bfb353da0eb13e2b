import { isPending } from '../../shared/domain/amendments.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { can } from '../../shared/domain/permissions.js';
import type { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { ClauseSlots, DocumentPage } from '../views/DocumentView.js';
import { actionError, bindAction } from './actionControls.js';
import { AmendmentsPanel } from './AmendmentsPanel.js';
import { highlight, type AnchorMaker, type ClauseSelection } from './anchors.js';
import { CommentsPanel, type CommentFilter } from './CommentsPanel.js';
import { negotiationError, nt } from './negotiationKit.js';
import type { NegotiationLists } from './negotiationLists.js';
import type { BracketList } from '../api/brackets.js';
import { clauseBracketBox } from './bracketsOnPage.js';
import { clauseSuggestionBox } from './suggestionsOnPage.js';
import { refLabel } from '../i18n/clauseRefs.js';

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
  const { state, lists } = ctx;
  const threadCount = lists.comments.filter((c) => c.clauseId === clauseId && !c.parentId).length;
  const fresh = lists.unread[clauseId] ?? 0;
  const amendmentCount = lists.amendments.filter((a) => a.clauseId === clauseId && isPending(a.status)).length;
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
      String(threadCount),
      fresh ? h('span', { class: 'unread-dot' }, ` +${fresh}`) : null,
      fresh ? h('span', { class: 'visually-hidden' }, ` ${nt('panel.unreadSuffix')}`) : null,
    ),
    h(
      'button',
      {
        type: 'button',
        class: `counter-button amendments${amendmentCount ? ' has-pending' : ''}`,
        'aria-label': nt('panel.amendmentsButton', { ref: refLabel(ref), count: amendmentCount }),
        'aria-pressed': String(state.clauseId === clauseId && state.tab === 'amendments'),
        onclick: () => ctx.open(clauseId, 'amendments'),
        onkeydown: rove,
        // One Tab stop per clause: the arrow keys move from its comments to its amendments.
        tabindex: '-1',
      },
      h('span', { 'aria-hidden': 'true' }, icon('amend'), String(amendmentCount)),
    ),
  );
}

/**
 * The chair's and secretariat's control of a clause's status. Agreeing a clause ad referendum locks it for
 * every writer; the page re-renders when the server announces the change.
 */
function statusControl(page: DocumentPage, clause: ClauseJson, actions: Actions): HTMLElement {
  const id = `clause-status-${clause.id}`;
  const action = `status:${clause.id}`;
  const onchange = (): void => {
    // The options are the statuses: this finds the one chosen, typed.
    const status = CLAUSE_STATUSES.find((s) => s === select.value);
    if (!status) return;
    const params = { id: page.documentId, clauseId: clause.id };
    void actions
      .run(action, (send) => send.call(ROUTES.setClauseStatus, { params, body: { status } }), {
        about: ['stage', `clause:${clause.id}`],
      })
      .then((ok) => {
        // Refused: the control shows the status the clause has, not the one asked for.
        if (ok === false) select.value = clause.status;
      });
  };
  const select = h(
    'select',
    { id, 'aria-describedby': `${id}-error`, onchange },
    CLAUSE_STATUSES.map((s) => h('option', { value: s, selected: s === clause.status }, t(`document.status.${s}`))),
  );
  const error = actionError(actions, action, negotiationError);
  error.id = `${id}-error`;
  return h(
    'p',
    { class: 'clause-status-control' },
    h('label', { for: id }, nt('panel.status', { ref: refLabel(clause.ref) })),
    ' ',
    bindAction(actions, action, select),
    error,
  );
}

/** The two tabs, comments and amendments; the arrow keys move between them. */
function tabList(ctx: PanelContext): HTMLElement[] {
  const { state } = ctx;
  const select = (tab: Tab): void => {
    state.tab = tab;
    ctx.render();
    document.getElementById(`tab-${tab}`)?.focus();
  };
  return (['comments', 'amendments'] as const).map((tab) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${tab}`,
        'aria-selected': String(state.tab === tab),
        'aria-controls': 'clause-tabpanel',
        tabindex: state.tab === tab ? '0' : '-1',
        onclick: () => select(tab),
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft')
            select(state.tab === 'comments' ? 'amendments' : 'comments');
        },
      },
      nt(`panel.tab.${tab}`),
    ),
  );
}

/** The open tab's content: the clause's comment threads, or its amendments. */
function tabBody(ctx: PanelContext, clauseId: string, slots: ClauseSlots): HTMLElement {
  const { page, state, lists } = ctx;
  if (state.tab !== 'comments') {
    return AmendmentsPanel({
      documentId: page.documentId,
      clause: slots.clause,
      stage: page.data.stage,
      user: page.user,
      amendments: lists.amendments,
      reload: ctx.reloadAmendments,
      drafts: state.drafts,
      actions: state.actions,
      selection: state.selection?.clauseId === clauseId ? state.selection : null,
      anchors: ctx.anchors,
      clearSelection: () => {
        state.selection = null;
      },
    });
  }
  return CommentsPanel({
    documentId: page.documentId,
    clauseId,
    stage: page.data.stage,
    user: page.user,
    comments: lists.comments,
    filter: state.filter,
    onFilter: (filter) => {
      state.filter = filter;
      ctx.render();
    },
    selection: state.selection?.clauseId === clauseId ? state.selection : null,
    clearSelection: () => {
      state.selection = null;
      ctx.render();
    },
    ...(can(page.user, 'amendment.propose', { stage: page.data.stage, clauseStatus: slots.clause.status })
      ? { amendSelection: () => ctx.open(clauseId, 'amendments') }
      : {}),
    anchors: ctx.anchors,
    focusAnchor: (comment) => {
      const range = comment?.anchor?.range;
      highlight('accord-comment-focus', range ? [{ body: slots.body, range }] : []);
      if (range) slots.root.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    reload: ctx.reloadComments,
    drafts: state.drafts,
    actions: state.actions,
  });
}

/**
 * The side panel: with no clause chosen, a hint; else the clause's header, its status control (for those who
 * may set it), the tabs and the open tab, with the open threads' words highlighted in the text (the CSS Custom
 * Highlight API leaves the DOM alone). Returns whether the reader now sees unread comments.
 */
export function renderClausePanel(panel: HTMLElement, ctx: PanelContext): boolean {
  const { page, state, lists } = ctx;
  const clauseId = state.clauseId;
  const slots = clauseId ? page.clauses.get(clauseId) : undefined;
  if (!clauseId || !slots) {
    panel.replaceChildren(
      h('h2', { id: 'clause-panel-title', tabindex: '-1' }, nt('panel.title')),
      h('p', { class: 'hint' }, nt('panel.pick')),
    );
    highlight('accord-comments', []);
    return false;
  }
  const body = tabBody(ctx, clauseId, slots);
  panel.replaceChildren(
    h(
      'header',
      { class: 'panel-header' },
      h(
        'h2',
        { id: 'clause-panel-title', tabindex: '-1' },
        nt('panel.clauseTitle', { ref: refLabel(slots.clause.ref) }),
      ),
      h(
        'a',
        {
          class: 'who-wrote',
          href: `/documents/${encodeURIComponent(page.documentId)}/revisions?clause=${encodeURIComponent(clauseId)}#attribution`,
        },
        nt('panel.whoWrote'),
      ),
      h('button', { type: 'button', class: 'link', onclick: () => ctx.close() }, nt('panel.close')),
    ),
    can(page.user, 'clause.status', { stage: page.data.stage }) ? statusControl(page, slots.clause, state.actions) : '',
    clauseBracketBox(ctx, clauseId, slots),
    clauseSuggestionBox(page.documentId, clauseId),
    h(
      'div',
      { role: 'tablist', 'aria-label': nt('panel.tabsLabel', { ref: refLabel(slots.clause.ref) }) },
      tabList(ctx),
    ),
    h('div', { role: 'tabpanel', id: 'clause-tabpanel', 'aria-labelledby': `tab-${state.tab}` }, body),
  );
  const open =
    state.tab === 'comments'
      ? lists.comments.filter((c) => c.clauseId === clauseId && !c.parentId && c.status === 'open' && c.anchor?.range)
      : [];
  highlight(
    'accord-comments',
    open.map((c) => ({ body: slots.body, range: c.anchor!.range! })),
  );
  return !!lists.unread[clauseId] && state.tab === 'comments';
}
