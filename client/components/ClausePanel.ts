import type { AmendmentView } from '../../shared/api/amendments.js';
import type { CommentView } from '../../shared/api/comments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import { isPending } from '../../shared/api/amendments.js';
import { Actions } from '../api/actions.js';
import { api } from '../api/http.js';
import type { ClauseView } from '../../shared/api/documents.js';
import { CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { can } from '../../shared/domain/permissions.js';
import { t } from '../i18n/index.js';
import { getSocket } from '../api/socket.js';
import { h } from '../dom.js';
import type { DocumentPage } from '../views/DocumentView.js';
import { AnchorMaker, highlight, selectionIn, type ClauseSelection } from './anchors.js';
import { AmendmentsPanel } from './AmendmentsPanel.js';
import { CommentsPanel, type CommentFilter } from './CommentsPanel.js';
import { StatusBar } from './StatusBar.js';
import { negotiationError, nt } from './negotiationKit.js';
import { actionError, bindAction } from './actionControls.js';
import { eventsWhileReading, upsertComment, withClauseAmendments } from '../api/liveLists.js';

type Tab = 'comments' | 'amendments';

/** What the reader was doing on a document page, kept while the page re-renders for others' changes. */
interface PanelState {
  clauseId: string | null;
  tab: Tab;
  filter: CommentFilter;
  selection: ClauseSelection | null;
  drafts: Map<string, string>;
  /** The reader's actions on this document (statuses, comments, amendments), kept while the page is rebuilt. */
  actions: Actions;
}

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
  const open = openers.get(documentId);
  if (open) open(clauseId, 'amendments');
  else {
    state.clauseId = clauseId;
    state.tab = 'amendments';
  }
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

function stateOf(documentId: string): PanelState {
  let state = states.get(documentId);
  if (!state) states.set(documentId, (state = { clauseId: null, tab: 'comments', filter: 'all', selection: null, drafts: new Map(), actions: new Actions() }));
  return state;
}

/**
 * The chair's and secretariat's control of a clause's status. Agreeing a clause ad referendum locks it for
 * every writer; the page re-renders when the server announces the change.
 */
function statusControl(page: DocumentPage, clause: ClauseView, actions: Actions): HTMLElement {
  const id = `clause-status-${clause.id}`;
  const action = `status:${clause.id}`;
  const select = h(
    'select',
    {
      id,
      'aria-describedby': `${id}-error`,
      onchange: () => {
        const status = select.value;
        void actions
          .run(action, (send) => send.post(`/api/documents/${encodeURIComponent(page.documentId)}/clauses/${encodeURIComponent(clause.id)}/status`, { status }), {
            about: ['stage', `clause:${clause.id}`],
          })
          .then((ok) => {
            // Refused: the control shows the status the clause has, not the one asked for.
            if (ok === false) select.value = clause.status;
          });
      },
    },
    CLAUSE_STATUSES.map((s) => h('option', { value: s, selected: s === clause.status }, t(`document.status.${s}`))),
  ) as HTMLSelectElement;
  const error = actionError(actions, action, negotiationError);
  error.id = `${id}-error`;
  return h('p', { class: 'clause-status-control' }, h('label', { for: id }, nt('panel.status', { ref: clause.ref })), ' ', bindAction(actions, action, select), error);
}

/**
 * Negotiation on the document page: the status summary bar above the text, comment and amendment counters
 * beside each clause, and a side panel with the selected clause's comment threads and amendments. Follows
 * comments and amendments live; an accepted amendment re-reads the text.
 */
export function negotiationExtension(page: DocumentPage): () => void {
  const state = stateOf(page.documentId);
  const actions = state.actions;
  if (state.clauseId && !page.clauses.has(state.clauseId)) state.clauseId = null;
  const anchors = new AnchorMaker(page.documentId);
  let comments: CommentView[] = [];
  let unread: Record<string, number> = {};
  let amendments: AmendmentView[] = [];
  // An error stays until what it was about changes: the stage, the clause, the amendment, the thread.
  actions.describe((topic) => {
    const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
    if (kind === 'stage') return page.data.stage;
    if (kind === 'clause') return page.clauses.get(id!)?.clause.status ?? 'gone';
    if (kind === 'amendment') return amendments.find((a) => a.id === id)?.status ?? 'gone';
    if (kind === 'comment') return comments.find((c) => c.id === id)?.status ?? 'gone';
    return undefined;
  });
  const bar = h('div', { class: 'negotiation-bar' });
  const panel = h('section', { class: 'clause-panel', 'aria-labelledby': 'clause-panel-title' });
  page.toolbar.append(bar);
  page.sidebar.append(panel);
  const counters = new Map<string, HTMLElement>();
  for (const [clauseId, slots] of page.clauses) {
    if (slots.clause.kind === 'heading') continue;
    const box = h('div', { class: 'clause-counters no-print' });
    counters.set(clauseId, box);
    slots.aside.append(box);
  }

  const open = (clauseId: string, tab: Tab): void => {
    state.clauseId = clauseId;
    state.tab = tab;
    render();
    document.getElementById('clause-panel-title')?.focus();
  };
  openers.set(page.documentId, open);

  const renderCounters = (): void => {
    for (const [clauseId, box] of counters) {
      const slots = page.clauses.get(clauseId)!;
      const threadCount = comments.filter((c) => c.clauseId === clauseId && !c.parentId).length;
      const fresh = unread[clauseId] ?? 0;
      const amendmentCount = amendments.filter((a) => a.clauseId === clauseId && isPending(a.status)).length;
      const ref = slots.clause.ref;
      box.replaceChildren(
        h(
          'button',
          {
            type: 'button',
            class: `counter-button comments${fresh ? ' unread' : ''}`,
            'aria-label': nt('panel.commentsButton', { ref, count: threadCount, unread: fresh }),
            'aria-pressed': String(state.clauseId === clauseId && state.tab === 'comments'),
            onclick: () => open(clauseId, 'comments'),
          },
          h('span', { 'aria-hidden': 'true' }, icon('comment'), String(threadCount), fresh ? h('span', { class: 'unread-dot' }, ` +${fresh}`) : null),
        ),
        h(
          'button',
          {
            type: 'button',
            class: `counter-button amendments${amendmentCount ? ' has-pending' : ''}`,
            'aria-label': nt('panel.amendmentsButton', { ref, count: amendmentCount }),
            'aria-pressed': String(state.clauseId === clauseId && state.tab === 'amendments'),
            onclick: () => open(clauseId, 'amendments'),
          },
          h('span', { 'aria-hidden': 'true' }, icon('amend'), String(amendmentCount)),
        ),
      );
    }
  };

  const renderPanel = (): void => {
    const clauseId = state.clauseId;
    const slots = clauseId ? page.clauses.get(clauseId) : undefined;
    if (!clauseId || !slots) {
      panel.replaceChildren(h('h2', { id: 'clause-panel-title', tabindex: '-1' }, nt('panel.title')), h('p', { class: 'hint' }, nt('panel.pick')));
      highlight('accord-comments', []);
      return;
    }
    const tabs: Tab[] = ['comments', 'amendments'];
    const tabButtons = tabs.map((tab) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${tab}`,
          'aria-selected': String(state.tab === tab),
          'aria-controls': 'clause-tabpanel',
          tabindex: state.tab === tab ? '0' : '-1',
          onclick: () => {
            state.tab = tab;
            render();
            document.getElementById(`tab-${tab}`)?.focus();
          },
          onkeydown: (e: KeyboardEvent) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            state.tab = state.tab === 'comments' ? 'amendments' : 'comments';
            render();
            document.getElementById(`tab-${state.tab}`)?.focus();
          },
        },
        nt(`panel.tab.${tab}`),
      ),
    );
    const reloadComments = async (): Promise<void> => {
      await loadComments();
      render();
    };
    const body =
      state.tab === 'comments'
        ? CommentsPanel({
            documentId: page.documentId,
            clauseId,
            stage: page.data.stage,
            user: page.user,
            comments,
            filter: state.filter,
            onFilter: (filter) => {
              state.filter = filter;
              render();
            },
            selection: state.selection?.clauseId === clauseId ? state.selection : null,
            clearSelection: () => {
              state.selection = null;
              render();
            },
            anchors,
            focusAnchor: (comment) => {
              const range = comment?.anchor?.range;
              highlight('accord-comment-focus', range ? [{ body: slots.body, range }] : []);
              if (range) slots.root.scrollIntoView({ block: 'center', behavior: 'smooth' });
            },
            reload: reloadComments,
            drafts: state.drafts,
            actions,
          })
        : AmendmentsPanel({
            documentId: page.documentId,
            clause: slots.clause,
            stage: page.data.stage,
            user: page.user,
            amendments,
            reload: async () => {
              await loadAmendments();
              render();
            },
            drafts: state.drafts,
            actions,
          });
    panel.replaceChildren(
      h(
        'header',
        { class: 'panel-header' },
        h('h2', { id: 'clause-panel-title', tabindex: '-1' }, nt('panel.clauseTitle', { ref: slots.clause.ref })),
        h('a', { class: 'who-wrote', href: `/documents/${encodeURIComponent(page.documentId)}/revisions?clause=${encodeURIComponent(clauseId)}#attribution` }, nt('panel.whoWrote')),
        h('button', { type: 'button', class: 'link', onclick: () => ((state.clauseId = null), render()) }, nt('panel.close')),
      ),
      can(page.user, 'clause.status', { stage: page.data.stage }) ? statusControl(page, slots.clause, actions) : '',
      h('div', { role: 'tablist', 'aria-label': nt('panel.tabsLabel', { ref: slots.clause.ref }) }, tabButtons),
      h('div', { role: 'tabpanel', id: 'clause-tabpanel', 'aria-labelledby': `tab-${state.tab}` }, body),
    );
    // The open threads' words, highlighted in the text (the CSS Custom Highlight API leaves the DOM alone).
    highlight(
      'accord-comments',
      state.tab === 'comments'
        ? comments.flatMap((c) => (c.clauseId === clauseId && !c.parentId && c.status === 'open' && c.anchor?.range ? [{ body: slots.body, range: c.anchor.range }] : []))
        : [],
    );
    if (unread[clauseId] && state.tab === 'comments') void markRead(clauseId);
  };

  /** Re-renders while keeping focus and caret where the reader was (others' activity re-renders often). */
  const render = (): void => {
    const active = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
    const id = active && panel.contains(active) ? active.id : '';
    const caret = id && 'selectionStart' in active! ? [active!.selectionStart, active!.selectionEnd] : null;
    bar.replaceChildren(StatusBar(page.data, amendments.filter((a) => isPending(a.status)).length));
    renderCounters();
    renderPanel();
    actions.recheck();
    if (id) {
      const again = document.getElementById(id) as HTMLInputElement | null;
      again?.focus();
      if (again && caret && typeof caret[0] === 'number' && typeof caret[1] === 'number') again.setSelectionRange(caret[0], caret[1]);
    }
  };

  const base = `/api/documents/${encodeURIComponent(page.documentId)}`;
  // A list may have been read before the events that arrive while it travels: they are applied to it again.
  const commentEvents = eventsWhileReading<CommentView>();
  const loadComments = async (): Promise<void> => {
    const res = await commentEvents.read(
      () => api.get<{ comments: CommentView[]; unread: Record<string, number> }>(`${base}/comments`),
      (read, comment) => ({ ...read, comments: upsertComment(read.comments, comment) }),
    );
    comments = res.comments;
    unread = res.unread;
  };
  const amendmentEvents = eventsWhileReading<AmendmentChanged>();
  const loadAmendments = async (): Promise<void> => {
    const res = await amendmentEvents.read(
      () => api.get<{ amendments: AmendmentView[] }>(`${base}/amendments`),
      (read, e) => ({ amendments: withClauseAmendments(read.amendments, e) }),
    );
    amendments = res.amendments;
  };
  const markRead = async (clauseId: string): Promise<void> => {
    unread = { ...unread, [clauseId]: 0 };
    await api.post(`${base}/comments/read`, { clauseId }).catch(() => {});
    renderCounters();
  };

  let alive = true;
  const safely = (fn: () => Promise<void>) => (): void => {
    void fn()
      .then(() => alive && render())
      .catch((error: unknown) => alive && panel.replaceChildren(h('p', { role: 'alert' }, negotiationError(error))));
  };
  safely(async () => {
    await Promise.all([loadComments(), loadAmendments()]);
  })();

  // The document page has joined the document's room already.
  const socket = getSocket();
  // Comments come whole with their event: nobody reads the threads again for someone else's comment.
  const onComment = (e: CommentChanged): void => {
    if (e.documentId !== page.documentId || !alive) return;
    const isNew = !comments.some((c) => c.id === e.comment.id);
    comments = upsertComment(comments, e.comment);
    commentEvents.record(e.comment);
    if (isNew && e.change === 'added' && e.comment.author.username !== page.user.username) unread = { ...unread, [e.clauseId]: (unread[e.clauseId] ?? 0) + 1 };
    render();
  };
  const onAmendment = (e: AmendmentChanged): void => {
    if (e.documentId !== page.documentId || !alive) return;
    // An accepted or adopted amendment changed the text. Live editors receive it like any edit; a page
    // without them reads the text again (and this extension re-runs with it).
    if ((e.change === 'accepted' || e.change === 'adopted') && !hasLiveEditors()) return void page.refresh();
    // The event brings the clause's amendments as they now stand: nothing is read again.
    amendments = withClauseAmendments(amendments, e);
    amendmentEvents.record(e);
    render();
  };
  socket.on('comment:added', onComment);
  socket.on('comment:updated', onComment);
  socket.on('amendment:changed', onAmendment);

  // An editor mounts on the clause's body element itself.
  const hasLiveEditors = (): boolean => [...page.clauses.values()].some((slots) => slots.body.matches('[contenteditable]'));

  // Selecting words in a clause offers to comment on exactly those words. Where the reader is editing the
  // text, the selection is only remembered (for the clause's comment form), so editing is not interrupted.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onSelection = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [clauseId, slots] of page.clauses) {
        const selection = selectionIn(slots.body, clauseId);
        if (!selection) continue;
        if (selection.quote === state.selection?.quote && clauseId === state.selection.clauseId) return;
        state.selection = selection;
        const showing = state.clauseId === clauseId && state.tab === 'comments';
        if (!showing && slots.body.querySelector('[contenteditable="true"]')) return;
        state.clauseId = clauseId;
        state.tab = 'comments';
        render();
        return;
      }
    }, 300);
  };
  document.addEventListener('selectionchange', onSelection);
  // A status changed in place: the summary bar, the status control and what may be proposed follow it.
  page.onClauseStatus(() => render());
  render();

  return () => {
    alive = false;
    if (openers.get(page.documentId) === open) openers.delete(page.documentId);
    clearTimeout(timer);
    document.removeEventListener('selectionchange', onSelection);
    socket.off('comment:added', onComment);
    socket.off('comment:updated', onComment);
    socket.off('amendment:changed', onAmendment);
    anchors.destroy();
    highlight('accord-comments', []);
    highlight('accord-comment-focus', []);
  };
}
