import { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import type { DocumentPage } from '../views/DocumentView.js';
import { AnchorMaker, highlight, selectionIn } from './anchors.js';
import { showTrackedChanges } from './spanAmendments.js';
import { renderCounters, type PanelContext, type PanelState, type Tab } from './clausePanelView.js';
import { followHash, loadPanelCode, panelDrawer } from './clausePanelDrawer.js';
import { onDocumentEvents } from './documentEvents.js';
import { negotiationError } from './negotiationKit.js';
import { NegotiationLists } from './negotiationLists.js';
import { BracketList } from '../api/brackets.js';
import { drawBrackets, onBracketChanged, watchBracketMarks } from './bracketsOnPage.js';
import { showBrackets } from './bracketLines.js';
import { suggestionCount } from './suggestionsOnPage.js';
import { negotiationLinks, StatusBar } from './StatusBar.js';

const states = new Map<string, PanelState>();
/** Opens the panel of the page showing the document, while one does. */
const openers = new Map<string, (clauseId: string, tab: Tab) => void>();

/**
 * Starts an amendment to the clause that replaces its text by `markup` (the light markup of amendments), and
 * shows it in the clause panel for the person to give a rationale and submit.
 */
export function startAmendment(documentId: string, clauseId: string, markup: string): void {
  const state = stateOf(documentId);
  const key = `amend-${clauseId}`;
  state.drafts.set(`${key}-kind`, 'replace');
  state.drafts.set(`${key}-text`, markup);
  state.started += 1;
  const open = openers.get(documentId);
  if (open) open(clauseId, 'amendments');
  else {
    state.clauseId = clauseId;
    state.tab = 'amendments';
  }
}

function stateOf(documentId: string): PanelState {
  let state = states.get(documentId);
  if (!state)
    states.set(
      documentId,
      (state = {
        clauseId: null,
        tab: 'comments',
        filter: 'all',
        selection: null,
        drafts: new Map(),
        actions: new Actions(),
        started: 0,
      }),
    );
  return state;
}

/** An error stays until what it was about changes: the stage, the clause, the amendment, the thread. */
function describeTopics(page: DocumentPage, state: PanelState, lists: NegotiationLists): void {
  state.actions.describe((topic) => {
    const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
    if (kind === 'stage') return page.data.stage;
    if (kind === 'clause') return page.clauses.get(id!)?.clause.status ?? 'gone';
    if (kind === 'amendment') return lists.amendments.find((a) => a.id === id)?.status ?? 'gone';
    if (kind === 'comment') return lists.comments.find((c) => c.id === id)?.status ?? 'gone';
    return undefined;
  });
}

/** A box for each clause's counters beside its text (headings have none). */
function counterBoxes(page: DocumentPage): Map<string, HTMLElement> {
  const counters = new Map<string, HTMLElement>();
  for (const [clauseId, slots] of page.clauses) {
    if (slots.clause.kind === 'heading') continue;
    const box = h('div', { class: 'clause-counters no-print' });
    // A pointer over the counters or the focus on them: the panel's code starts loading before it is opened.
    const prefetch = (): void => void loadPanelCode().catch(() => {});
    box.addEventListener('pointerover', prefetch, { once: true });
    box.addEventListener('focusin', prefetch, { once: true });
    counters.set(clauseId, box);
    slots.aside.append(box);
  }
  return counters;
}

/**
 * Calls `fn` while keeping the focus and caret where the reader was in `within` (others' activity re-renders
 * often). When the reader's own action dropped the focus to the page (a send button is disabled while its
 * request runs), it goes to the field the action came from, ready for the next one.
 */
function keepingFocus(within: HTMLElement, lastFocus: { id: string }, fn: () => void): void {
  const active = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  const dropped = !active || active === document.body;
  const id = active && within.contains(active) ? active.id : dropped ? lastFocus.id : '';
  const caret = id && active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  fn();
  if (!id) return;
  const again = (document.getElementById(id.replace(/-send$/, '')) ??
    document.getElementById(id)) as HTMLInputElement | null;
  if (!again || !within.contains(again)) return;
  again.focus();
  if (again && caret && typeof caret[0] === 'number' && typeof caret[1] === 'number')
    again.setSelectionRange(caret[0], caret[1]);
}

/** Closes the panel; the focus goes back to the counter of the clause and tab it showed. */
function closePanel(page: DocumentPage, state: PanelState, render: () => void): void {
  const { clauseId, tab } = state;
  state.clauseId = null;
  render();
  const aside = clauseId ? page.clauses.get(clauseId)?.aside : undefined;
  aside?.querySelector<HTMLElement>(`.counter-button.${tab}`)?.focus();
}

/** Escape in the panel (a bottom sheet on phones) closes it, unless a field or a dialog took the key. */
function closeOnEscape(panel: HTMLElement, state: PanelState, close: () => void): void {
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !state.clauseId) return;
    event.preventDefault();
    close();
  });
}

/** Follows the last element the reader focused in the panel, forgotten when they go elsewhere. */
function trackFocus(panel: HTMLElement): { last: { id: string }; stop(): void } {
  const last = { id: '' };
  const onIn = (e: FocusEvent): void => void (last.id = (e.target as HTMLElement).id);
  const onOut = (e: FocusEvent): void => {
    if (e.relatedTarget && !panel.contains(e.relatedTarget as Node)) last.id = '';
  };
  const onDown = (e: MouseEvent): void => {
    if (!panel.contains(e.target as Node)) last.id = '';
  };
  panel.addEventListener('focusin', onIn);
  panel.addEventListener('focusout', onOut);
  document.addEventListener('mousedown', onDown);
  return { last, stop: () => document.removeEventListener('mousedown', onDown) };
}

/**
 * Selecting words in a clause offers to comment on exactly those words: the panel opens on that clause's
 * comments with the words quoted. Returns the function that stops watching.
 */
function watchSelection(page: DocumentPage, state: PanelState, render: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onSelection = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [clauseId, slots] of page.clauses) {
        const selection = selectionIn(slots.body, clauseId);
        if (!selection) continue;
        if (selection.quote === state.selection?.quote && clauseId === state.selection.clauseId) return;
        state.selection = selection;
        // On a clause's amendments, selected words are to be amended; elsewhere, commented on.
        state.tab = state.tab === 'amendments' && state.clauseId === clauseId ? 'amendments' : 'comments';
        state.clauseId = clauseId;
        render();
        return;
      }
    }, 300);
  };
  document.addEventListener('selectionchange', onSelection);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('selectionchange', onSelection);
  };
}

/**
 * Follows comments, amendments and brackets on the document's room, which the document page has joined
 * already. Comments come whole with their event: nobody reads the threads again for someone else's comment.
 */
function followNegotiation(ctx: PanelContext): () => void {
  const { page, lists, render } = ctx;
  return onDocumentEvents(page.documentId, {
    'comment:added': (e) => {
      lists.commentChanged(e);
      render();
    },
    'comment:updated': (e) => {
      lists.commentChanged(e);
      render();
    },
    'amendment:changed': (e) => {
      // An accepted or adopted amendment changed the text. Live editors receive it like any edit; a page
      // without them reads the text again (and this extension re-runs with it).
      if ((e.change === 'accepted' || e.change === 'adopted') && !page.editing.live) return void page.refresh();
      // The event brings the clause's amendments as they now stand: nothing is read again.
      lists.amendmentChanged(e);
      render();
    },
    'bracket:changed': (e) => onBracketChanged(ctx, e),
  });
}

/**
 * Negotiation on the document page: the status summary bar above the text, comment and amendment counters
 * beside each clause, and a side panel with the selected clause's comment threads and amendments. Follows
 * comments, amendments and brackets live; an accepted amendment re-reads the text.
 */
export function negotiationExtension(page: DocumentPage): () => void {
  const state = stateOf(page.documentId);
  if (state.clauseId && !page.clauses.has(state.clauseId)) state.clauseId = null;
  const lists = new NegotiationLists(page.documentId, page.user.username);
  describeTopics(page, state, lists);
  const bar = h('div', { class: 'negotiation-bar' });
  const panel = h('section', { class: 'clause-panel', 'aria-labelledby': 'clause-panel-title' });
  const links = negotiationLinks(page.documentId);
  page.toolbar.append(bar);
  page.actions.append(...links);
  page.sidebar.append(panel);
  const counters = counterBoxes(page);
  closeOnEscape(panel, state, () => ctx.close());
  let alive = true;
  const drawCounters = (): void => {
    for (const [clauseId, box] of counters) renderCounters(box, ctx, clauseId, page.clauses.get(clauseId)!.clause.ref);
  };
  const focus = trackFocus(panel);
  const render = (): void =>
    keepingFocus(panel, focus.last, () => {
      bar.replaceChildren(StatusBar(page.data, lists.pendingCount(), ctx.brackets.brackets.length));
      bar.querySelector('.status-counts')?.append(suggestionCount(page.documentId));
      drawCounters();
      showTrackedChanges(page.clauses, lists.amendments);
      drawBrackets(ctx);
      const unreadShown = drawer.draw();
      // A bottom sheet on phones: open while a clause is chosen (main.css).
      page.mark('sheet', state.clauseId !== null && page.clauses.has(state.clauseId) ? 'open' : 'closed');
      state.actions.recheck();
      if (unreadShown) void lists.markRead(state.clauseId!).then(drawCounters);
    });
  const ctx: PanelContext = {
    page,
    state,
    lists,
    brackets: new BracketList(page.documentId),
    anchors: new AnchorMaker(page.documentId),
    render,
    open: (clauseId, tab) => {
      state.clauseId = clauseId;
      state.tab = tab;
      render();
      // The focus goes to the panel once it is drawn (its code may still be on its way): a key pressed meanwhile
      // would leave a panel that has nothing to stop on yet.
      const focusTitle = (): void => {
        if (alive && state.clauseId === clauseId) document.getElementById('clause-panel-title')?.focus();
      };
      void loadPanelCode().then(focusTitle, focusTitle);
    },
    close: () => closePanel(page, state, render),
    reloadComments: () => lists.loadComments().then(render),
    reloadAmendments: () => lists.loadAmendments().then(render),
  };
  const drawer = panelDrawer(panel, ctx);
  openers.set(page.documentId, ctx.open);
  void Promise.all([lists.loadComments(), lists.loadAmendments(), ctx.brackets.load()])
    .then(() => alive && (render(), followHash(ctx)))
    .catch((error: unknown) => alive && panel.replaceChildren(h('p', { role: 'alert' }, negotiationError(error))));

  const unlisten = followNegotiation(ctx);
  const unwatch = watchSelection(page, state, render);
  const unmark = watchBracketMarks(ctx);
  // A status changed in place: the summary bar, the status control and what may be proposed follow it.
  page.onClauseStatus(() => render());
  render();

  return () => {
    alive = false;
    drawer.destroy();
    links.forEach((link) => link.remove());
    focus.stop();
    if (openers.get(page.documentId) === ctx.open) openers.delete(page.documentId);
    unwatch();
    unmark();
    unlisten();
    ctx.anchors.destroy();
    highlight('accord-comments', []);
    highlight('accord-comment-focus', []);
    showTrackedChanges(page.clauses, []);
    showBrackets(page.clauses, [], () => ({ documentId: page.documentId, actions: state.actions, canResolve: false }));
  };
}
