import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { BracketJson } from '../../shared/api/brackets.js';
import { Actions } from '../api/actions.js';
import { BracketList } from '../api/brackets.js';
import { outdatesDiffs } from '../api/liveLists.js';
import type { NegotiationData } from '../api/negotiationReducers.js';
import type { DocumentPageProps } from '../views/documentExtensions.js';
import { AnchorMaker } from './anchors.js';
import {
  hashTarget,
  PANEL_CLOSED,
  panelReducer,
  type PanelEvent,
  type PanelView,
  type Tab,
} from './clausePanelState.js';
import { followDocumentEvents } from './documentEvents.js';
import type { DraftMap } from './drafts.js';
import { negotiationError } from './negotiationKit.js';
import { NegotiationLists } from './negotiationLists.js';
import { useNegotiationMarks } from './negotiationMarks.js';

/**
 * Negotiation's state on the document page, shared by its parts (the status bar, each clause's counters and
 * open brackets, the clause panel): the comments, amendments and open brackets, read once and then kept by
 * the document's events; the clause panel's view; the reader's drafts and actions. Lives as long as the page,
 * across its reads.
 */

/** What outlives a page on the same document in this tab: the panel's view, unsent texts, the actions' errors. */
interface Kept {
  view: PanelView;
  drafts: Map<string, string>;
  actions: Actions;
  /** Tells the page open on the document that a proposal was started from elsewhere. */
  started?: (clauseId: string) => void;
}

const kept = new Map<string, Kept>();

function keptFor(documentId: string): Kept {
  let k = kept.get(documentId);
  if (!k) kept.set(documentId, (k = { view: PANEL_CLOSED, drafts: new Map(), actions: new Actions() }));
  return k;
}

/**
 * Starts an amendment to the clause that replaces its text by `markup` (the light markup of amendments), and
 * shows it in the clause panel for the person to give a rationale and submit.
 */
export function startAmendment(documentId: string, clauseId: string, markup: string): void {
  const k = keptFor(documentId);
  const key = `amend-${clauseId}`;
  k.drafts.set(`${key}-kind`, 'replace');
  k.drafts.set(`${key}-text`, markup);
  if (k.started) k.started(clauseId);
  else k.view = panelReducer(k.view, { type: 'started', clauseId });
}

export interface NegotiationOnPage {
  page: DocumentPageProps;
  view: PanelView;
  dispatch(event: PanelEvent): void;
  data: NegotiationData;
  /** The document's brackets (open ones, and those resolved while the page is open). */
  brackets: readonly BracketJson[];
  /** Null until the lists are read; then 'ready', or the words of the error that kept them from the page. */
  status: null | 'ready' | { error: string };
  drafts: DraftMap;
  actions: Actions;
  anchors: AnchorMaker;
  /** Opens the panel on a clause's tab (the panel moves the focus to its title once drawn). */
  open(clauseId: string, tab: Tab): void;
  /** Closes the panel; the focus goes back to the counter of the clause and tab it showed. */
  close(): void;
  /** A bracket as the server answered. */
  applyBracket(bracket: BracketJson): void;
  /** Reads a list again after the reader changed it. */
  reloadComments(): Promise<void>;
  reloadAmendments(): Promise<void>;
  /** The reader has seen the clause's comments. */
  markRead(clauseId: string): void;
  /** Draws the parts again after a change to what they read in place (the drafts). */
  redraw(): void;
  /** Asked by `open`: the panel focuses its title once drawn for this clause. */
  focusTitle: { current: string | null };
}

const NegotiationContext = createContext<NegotiationOnPage | null>(null);

/** Negotiation's state on the page (inside `NegotiationProvider`). */
export function useNegotiation(): NegotiationOnPage {
  const value = useContext(NegotiationContext);
  if (!value) throw new Error('useNegotiation outside NegotiationProvider');
  return value;
}

export function NegotiationProvider({ page, children }: { page: DocumentPageProps; children: ComponentChildren }) {
  const { documentId } = page;
  const k = keptFor(documentId);
  const [view, dispatch] = useReducer(panelReducer, k.view);
  k.view = view;
  const made = useMemo(
    () => ({
      lists: new NegotiationLists(documentId, page.user.username),
      brackets: new BracketList(documentId),
      anchors: new AnchorMaker(documentId),
    }),
    [documentId],
  );
  const { lists, brackets, anchors } = made;
  // The lists change in place (NegotiationLists, BracketList): each change is drawn by counting it.
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [status, setStatus] = useState<NegotiationOnPage['status']>(null);
  const focusTitle = useRef<string | null>(null);
  // The handlers below outlive renders: they read the page as it is now.
  const now = useRef(page);
  now.current = page;

  useFollowed(page, made, { changed: () => changed(0), setStatus, dispatch, now, kept: k });

  // An error stays until what it was about changes: the stage, the clause, the amendment, the thread.
  useEffect(() => {
    k.actions.describe((topic) => {
      const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
      if (kind === 'stage') return now.current.data.stage;
      if (kind === 'clause') return now.current.data.clauses.find((c) => c.id === id)?.status ?? 'gone';
      if (kind === 'amendment') return lists.amendments.find((a) => a.id === id)?.status ?? 'gone';
      if (kind === 'comment') return lists.comments.find((c) => c.id === id)?.status ?? 'gone';
      return undefined;
    });
  }, [k.actions]);
  useEffect(() => k.actions.recheck(), [page.data, lists.data, brackets.brackets]);
  useEffect(() => dispatch({ type: 'clauses', ids: page.data.clauses.map((c) => c.id) }), [page.data]);

  const value: NegotiationOnPage = {
    page,
    view,
    dispatch,
    data: lists.data,
    brackets: brackets.brackets,
    status,
    drafts: k.drafts,
    actions: k.actions,
    anchors,
    focusTitle,
    open: (clauseId, tab) => {
      focusTitle.current = clauseId;
      dispatch({ type: 'open', clauseId, tab });
    },
    close: () => {
      const { clauseId, tab } = view;
      dispatch({ type: 'close' });
      // The counters are this feature's own: the one the panel was opened from takes the focus back.
      if (clauseId)
        document.getElementById(`clause-${clauseId}`)?.querySelector<HTMLElement>(`.counter-button.${tab}`)?.focus();
    },
    applyBracket: (bracket) => {
      brackets.apply(bracket);
      changed(0);
    },
    reloadComments: () => lists.loadComments().then(() => changed(0)),
    reloadAmendments: () => lists.loadAmendments().then(() => changed(0)),
    markRead: (clauseId) => {
      // None unread here at once; the server is told meanwhile.
      const told = lists.markRead(clauseId);
      changed(0);
      void told.then(() => changed(0));
    },
    redraw: () => changed(0),
  };
  useNegotiationMarks(value);
  return <NegotiationContext.Provider value={value}>{children}</NegotiationContext.Provider>;
}

interface Followers {
  changed(): void;
  setStatus(status: NegotiationOnPage['status']): void;
  dispatch(event: PanelEvent): void;
  /** The page as it is now (the handlers outlive renders). */
  now: { current: DocumentPageProps };
  kept: Kept;
}

/**
 * Reads the lists, then keeps them by the document's events (one subscription); reads them again after a
 * dropped connection. A link to a comment or an amendment opens its clause's panel once they are read.
 */
function useFollowed(
  page: DocumentPageProps,
  { lists, brackets, anchors }: { lists: NegotiationLists; brackets: BracketList; anchors: AnchorMaker },
  told: Followers,
): void {
  useEffect(() => {
    let alive = true;
    const read = (): void =>
      void Promise.all([lists.loadComments(), lists.loadAmendments(), brackets.load()]).then(
        () => {
          if (!alive) return;
          told.setStatus('ready');
          told.changed();
          const target = hashTarget(location.hash, lists.data);
          if (target) told.dispatch({ type: 'open', clauseId: target.clauseId, tab: target.tab });
        },
        (error: unknown) => alive && told.setStatus({ error: negotiationError(error) }),
      );
    read();
    // What changed the text reaches live editors like any edit; a page without them reads the text again.
    const textChanged = (): void => {
      if (!told.now.current.editing.live) void told.now.current.refresh();
    };
    const stop = followDocumentEvents(
      page.documentId,
      {
        'comment:added': (e) => (lists.commentChanged(e), told.changed()),
        'comment:updated': (e) => (lists.commentChanged(e), told.changed()),
        'amendment:changed': (e) => {
          // The event brings the amendment and what it moved in the others: nothing is read again, but for the
          // others' diffs against a clause text it changed (shown without them should that read fail).
          lists.amendmentChanged(e);
          if (e.change === 'accepted' || e.change === 'adopted') {
            textChanged();
            if (outdatesDiffs(lists.amendments, e))
              void lists.loadClauseAmendments(e.clauseId).then(
                () => alive && told.changed(),
                () => {},
              );
          }
          told.changed();
        },
        'bracket:changed': (e) => {
          brackets.changed(e);
          if (e.change === 'resolved' && e.bracket.resolution?.kind !== 'remove') textChanged();
          told.changed();
        },
      },
      // Back after a dropped connection: what happened meanwhile is read.
      read,
    );
    told.kept.started = (clauseId) => told.dispatch({ type: 'started', clauseId });
    return () => {
      alive = false;
      stop();
      delete told.kept.started;
      anchors.destroy();
    };
  }, [page.documentId]);
}
