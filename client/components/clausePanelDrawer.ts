import type { ComponentChild } from 'preact';
import { ApiError } from '../api/http.js';
import { highlight } from './anchors.js';
import { mount } from './bridge.js';
import { clauseBracketBox } from './bracketsOnPage.js';
import { hashTarget, panelLoading, pickHint, type PanelContext } from './clausePanelView.js';
import { negotiationError } from './negotiationKit.js';
import type * as PanelModule from './NegotiationPanel.js';
import type { NegotiationPanelProps } from './NegotiationPanel.js';
import { clauseSuggestionBox } from './suggestionsOnPage.js';

/**
 * The clause panel on the document page: its code loaded on first use, what it is drawn from, and the links
 * that open it. The page's side (ClausePanel.ts) says when to draw; NegotiationPanel.tsx is what is drawn.
 */

type PanelCode = typeof PanelModule;
let panelCode: Promise<PanelCode> | undefined;

/**
 * The clause panel's code (its components and forms), a chunk of its own: the page shows the counters without
 * it, and it loads when someone first opens a panel. A failed load is tried again on the next opening.
 */
export function loadPanelCode(): Promise<PanelCode> {
  return (panelCode ??= import('./NegotiationPanel.js').catch((error: unknown) => {
    panelCode = undefined;
    throw error;
  }));
}

/** A feature's box for the panel, or an empty text where it has none. */
const boxOf = (box: HTMLElement | string): Node => (typeof box === 'string' ? document.createTextNode(box) : box);

/** What the panel for the chosen clause is drawn from: the page's state, and the callbacks that change it. */
function panelProps(ctx: PanelContext, clauseId: string, drawn: number): NegotiationPanelProps {
  const { page, state, lists } = ctx;
  const slots = page.clauses.get(clauseId)!;
  return {
    documentId: page.documentId,
    user: page.user,
    stage: page.data.stage,
    clause: slots.clause,
    tab: state.tab,
    filter: state.filter,
    selection: state.selection?.clauseId === clauseId ? state.selection : null,
    data: lists.data,
    drafts: state.drafts,
    actions: state.actions,
    anchors: ctx.anchors,
    started: state.started,
    drawn,
    boxes: [
      () => boxOf(clauseBracketBox(ctx, clauseId, slots)),
      () => boxOf(clauseSuggestionBox(page.documentId, clauseId)),
    ],
    onTab: (tab) => {
      state.tab = tab;
      ctx.render();
    },
    onFilter: (filter) => {
      state.filter = filter;
      ctx.render();
    },
    onClose: () => ctx.close(),
    clearSelection: () => {
      state.selection = null;
      ctx.render();
    },
    focusAnchor: (comment) => {
      const range = comment?.anchor?.range;
      highlight('accord-comment-focus', range ? [{ body: slots.body, range }] : []);
      if (range) slots.root.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    reloadComments: ctx.reloadComments,
    reloadAmendments: ctx.reloadAmendments,
  };
}

/**
 * Draws the side panel: with no clause chosen, a hint; else the chosen clause's panel (NegotiationPanel.tsx,
 * loaded on first use: meanwhile its title and, if it takes long, "Loading…"), with the open threads' words
 * highlighted in the text (the CSS Custom Highlight API leaves the DOM alone).
 */
export function panelDrawer(panel: HTMLElement, ctx: PanelContext): { draw(): boolean; destroy(): void } {
  const host = mount(null);
  let code: PanelCode | null = null;
  let loading: ReturnType<typeof panelLoading> | null = null;
  let alive = true;
  let drawn = 0;
  const load = (ref: string): void => {
    const shown = (loading = panelLoading(panel, ref));
    loadPanelCode().then(
      (loaded) => {
        code = loaded;
        shown.cancel();
        if (loading === shown) loading = null;
        if (alive) ctx.render();
      },
      (error: unknown) => {
        const message = negotiationError(new ApiError(0, 'network', String(error)));
        if (alive && loading === shown)
          shown.failed(message, () => {
            loading = null;
            ctx.render();
          });
      },
    );
  };
  return {
    /** Returns whether the reader now sees the clause's unread comments. */
    draw() {
      const { page, state, lists } = ctx;
      const clauseId = state.clauseId;
      const slots = clauseId ? page.clauses.get(clauseId) : undefined;
      highlight('accord-comments', []);
      if (!clauseId || !slots) {
        loading?.cancel();
        loading = null;
        host.update(null as ComponentChild);
        panel.replaceChildren(...pickHint());
        return false;
      }
      if (!code) {
        if (!loading) load(slots.clause.ref);
        return false;
      }
      if (host.el.parentElement !== panel) panel.replaceChildren(host.el);
      host.update(code.panelTree(panelProps(ctx, clauseId, ++drawn)));
      if (state.tab !== 'comments') return false;
      const open = lists.comments.filter(
        (c) => c.clauseId === clauseId && !c.parentId && c.status === 'open' && c.anchor?.range,
      );
      highlight(
        'accord-comments',
        open.map((c) => ({ body: slots.body, range: c.anchor!.range! })),
      );
      return !!lists.unread[clauseId];
    },
    destroy() {
      alive = false;
      loading?.cancel();
      host.destroy?.();
    },
  };
}

/**
 * A link to a comment or an amendment (`#comment-…`, `#amendment-…`) opens its clause's panel on its tab,
 * once the lists are read, and shows it there once the panel is drawn.
 */
export function followHash(ctx: PanelContext): void {
  const target = hashTarget(location.hash, ctx.lists.data);
  if (!target || !ctx.page.clauses.has(target.clauseId)) return;
  ctx.state.clauseId = target.clauseId;
  ctx.state.tab = target.tab;
  ctx.render();
  void loadPanelCode().then(
    () => requestAnimationFrame(() => document.getElementById(target.id)?.scrollIntoView({ block: 'center' })),
    () => {},
  );
}
