import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ChosenText } from './documentReading.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { toast } from '../components/ui.js';
import { errorMessage, t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { browserIdle, type WhenIdle } from '../editor/mountQueue.js';
import { PartTurns } from './partTurns.js';
import { Declaration } from './documentClauses.js';
import {
  documentExtensions,
  type ClauseSlots,
  type DocumentPage,
  type DocumentPageProps,
} from './documentExtensions.js';
import { DocumentHeader, Parts, trackHeaderHeight, type HeaderSlots } from './documentHeader.js';
import { documentKeys } from './documentKeys.js';
import { LanguageBar, VersionNote } from './documentLanguages.js';
import { documentPageReducer, documentPageStart } from './documentPageState.js';
import { readChosenText, ReadingState } from './documentReading.js';

export {
  extendDocumentView,
  onDocumentOpening,
  type ClausePartProps,
  type ClauseSlots,
  type DocumentExtension,
  type DocumentOpening,
  type DocumentPage,
  type DocumentPageProps,
  type DocumentParts,
} from './documentExtensions.js';

/**
 * The document page: the declaration as a reader sees it (documentClauses.tsx) under one sticky header, in the
 * text the reader chose, with what the features add (documentExtensions.ts). Follows stage and status changes
 * live (documentPageState.ts): a clause's status changes that clause in place; what changes the page's shape
 * reads it again and draws it afresh.
 */
export async function DocumentView(documentId: string, query = new URLSearchParams()): Promise<View> {
  const user = currentUser()!;
  const reading = new ReadingState(documentId, query);
  const text = await readChosenText(documentId, reading.choice);
  reading.settle(text.choice);
  // What the features start once the document is found, before the page is drawn (see `DocumentOpening`).
  const opened = documentExtensions.openings.map((open) => open(documentId, text.choice));
  const close = (): void => opened.forEach((release) => release());
  const titleClause = text.data.clauses.find((c) => c.kind === 'title');
  try {
    return mountView(
      titleClause?.text.trim() || text.data.title,
      <DocumentPageView documentId={documentId} user={user} reading={reading} start={text} />,
      close,
    );
  } catch (error) {
    close();
    throw error;
  }
}

interface DocumentPageViewProps {
  documentId: string;
  user: SessionUser;
  reading: ReadingState;
  start: ChosenText;
}

function DocumentPageView({ documentId, user, reading, start }: DocumentPageViewProps) {
  const [state, dispatch] = useReducer(documentPageReducer, start, documentPageStart);
  const root = useRef<HTMLDivElement>(null);
  /** The element holding the focus when a read landed: the language switch keeps it through the new drawing. */
  const focused = useRef<string | undefined>(undefined);
  /** Who asked for a fresh copy (`refresh`): told once a read started after they asked has been drawn. */
  const waiting = useRef<{ asked: (() => void)[]; drawing: (() => void)[] }>({ asked: [], drawing: [] });

  useEffect(
    () =>
      followDocumentEvents(
        documentId,
        {
          'document:stage': () => dispatch({ type: 'document:stage' }),
          'clause:kind': () => dispatch({ type: 'clause:kind' }),
          'translation:status': (e) => dispatch({ type: 'translation:status', lang: e.lang }),
          'clause:status': (e) => dispatch({ type: 'clause:status', clauseId: e.clauseId, status: e.status }),
        },
        // A stage or a status changed between the page's read and its join, or while the connection was down.
        () => dispatch({ type: 'missed' }),
      ),
    [documentId],
  );
  useEffect(() => {
    if (!state.stale || state.reading) return;
    dispatch({ type: 'reading' });
    const told = waiting.current.asked.splice(0);
    readChosenText(documentId, reading.choice).then(
      (text) => {
        reading.settle(text.choice);
        focused.current = document.activeElement?.id;
        waiting.current.drawing.push(...told);
        dispatch({ type: 'read', text });
      },
      (error: unknown) => {
        dispatch({ type: 'read-failed' });
        toast(errorMessage(error), 'danger');
        told.forEach((settle) => settle());
      },
    );
  }, [state.stale, state.reading]);
  useEffect(() => {
    const page = root.current!;
    // A link from the chair's list of unfinished work names a clause or an amendment on this page.
    scrollToHash(page);
    return documentKeys(page);
  }, []);
  useLayoutEffect(() => {
    const id = focused.current;
    focused.current = undefined;
    if (id?.startsWith('reading-')) document.getElementById(id)?.focus();
    waiting.current.drawing.splice(0).forEach((settle) => settle());
  }, [state.build]);

  const { data, choice, version } = state.text;
  /** Set by the editing feature for each drawing of the page (see `DocumentPage.editing`). */
  const editing = useRef({ live: false }).current;
  const refresh = (): Promise<void> =>
    new Promise((settle) => {
      waiting.current.asked.push(settle);
      dispatch({ type: 'stale' });
    });
  const page = useMemo<DocumentPageProps>(
    () => ({ ...pageAround(root, refresh, editing), documentId, data, user, choice }),
    [data, choice],
  );
  const drawn = (
    <PageBuild
      key={state.build}
      // The page's first drawing draws the clauses' parts in idle slices; a page drawn again draws them at once.
      partSlices={state.build === 1 ? browserIdle : undefined}
      page={page}
      version={version}
      refresh={refresh}
      root={root}
      choose={(next) => void reading.choose(next, refresh)}
    />
  );
  return (
    <div class="document-page" ref={root}>
      {withProviders(page, drawn)}
    </div>
  );
}

/** What the page offers its parts beyond what it shows: where its clauses are, and its element. */
function pageAround(
  root: RefObject<HTMLDivElement | null>,
  refresh: () => Promise<void>,
  editing: { live: boolean },
): Pick<DocumentPageProps, 'scrollToClause' | 'clauseBody' | 'refresh' | 'editing' | 'mark'> {
  const clause = (clauseId: string): HTMLElement | null => document.getElementById(`clause-${clauseId}`);
  return {
    scrollToClause: (clauseId, options) =>
      clause(clauseId)?.scrollIntoView({ block: 'center', ...(options?.smooth ? { behavior: 'smooth' } : {}) }),
    clauseBody: (clauseId) => clause(clauseId)?.querySelector<HTMLElement>('.clause-content') ?? null,
    refresh,
    editing,
    mark: (name, value) => root.current?.setAttribute(`data-${name}`, value),
  };
}

/** The features' providers around the page, the first registered outermost. */
function withProviders(page: DocumentPageProps, children: ComponentChildren): ComponentChildren {
  return documentExtensions.parts.reduceRight<ComponentChildren>(
    (inner, { Provider }) => (Provider ? <Provider page={page}>{inner}</Provider> : inner),
    children,
  );
}

export interface PageBuildProps {
  page: DocumentPageProps;
  version: ChosenText['version'];
  refresh(): Promise<void>;
  /** The page's element, which outlives each drawing (features mark it). */
  root: RefObject<HTMLDivElement | null>;
  choose: (choice: ChosenText['choice']) => void;
  /** When given, the features' parts beside and under each clause are drawn in these idle slices (`PartTurns`). */
  partSlices?: WhenIdle | undefined;
}

/**
 * One drawing of the page, from one read: the element-drawing features run once it is drawn and are cleaned up
 * when it goes (before its elements leave the page), as the next read draws the page afresh.
 */
export function PageBuild({ page, version, refresh, root, choose, partSlices }: PageBuildProps) {
  const { parts, drawers } = documentExtensions;
  const turns = useMemo(() => (partSlices ? new PartTurns(partSlices) : null), []);
  useEffect(() => () => turns?.stop(), []);
  const header: HeaderSlots = { header: useRef<HTMLElement>(null) };
  const registered = useRef(new Map<string, ClauseSlots>());
  const drawnFor = useRef<{ api: DocumentPage; listeners: ((clauseId: string) => void)[] } | null>(null);

  useLayoutEffect(() => {
    const { data } = page;
    const clauses = new Map<string, ClauseSlots>();
    for (const clause of data.clauses) {
      const slots = registered.current.get(clause.id);
      if (slots) clauses.set(clause.id, slots);
    }
    const listeners: ((clauseId: string) => void)[] = [];
    const api: DocumentPage = {
      documentId: page.documentId,
      data,
      user: page.user,
      clauses,
      refresh,
      onClauseStatus: (fn) => void listeners.push(fn),
      // One object for the page's parts and the element-drawing features: the editing feature sets it.
      editing: Object.assign(page.editing, { live: false }),
      mark: (name, value) => root.current?.setAttribute(`data-${name}`, value),
    };
    drawnFor.current = { api, listeners };
    const cleanups = [
      ...drawers.map((extension) => extension(api)),
      trackHeaderHeight(header.header.current!, root.current!),
    ];
    return () => cleanups.forEach((cleanup) => cleanup?.());
  }, []);

  // A status changed in place: the features that drew elements hear of it, on the clause objects they were given.
  useLayoutEffect(() => {
    const drawn = drawnFor.current;
    if (!drawn) return;
    for (const clause of page.data.clauses) {
      const slots = drawn.api.clauses.get(clause.id);
      if (!slots || slots.clause.status === clause.status) continue;
      slots.clause.status = clause.status;
      drawn.listeners.forEach((fn) => fn(clause.id));
    }
  }, [page.data]);

  const { choice, data, user } = page;
  const tools = (
    <>
      <LanguageBar data={data} user={user} choice={choice} choose={choose} />
      {choice.lang && !choice.parallel ? <VersionNote lang={choice.lang} /> : null}
    </>
  );
  return (
    <div class={`document-layout${choice.parallel ? ' reading-parallel' : ''}`}>
      <DocumentHeader
        page={page}
        actions={parts.map((p) => p.actions)}
        toolbar={parts.map((p) => p.toolbar)}
        tools={tools}
        slots={header}
      />
      <div class="document-columns">
        <Declaration
          page={page}
          version={version}
          parts={parts}
          register={(slots) => registered.current.set(slots.clause.id, slots)}
          turns={turns}
        />
        <aside class="document-sidebar" aria-label={t('document.symbol')}>
          <Parts of={parts.map((p) => p.sidebar)} props={{ page }} />
        </aside>
      </div>
    </div>
  );
}
