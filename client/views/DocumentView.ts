import type { ClauseJson, DocumentJson as DocumentData } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { documentHeader, trackHeaderHeight } from './documentHeader.js';
import { documentKeys } from './documentKeys.js';
import { readChosenText, ReadingState, type ChosenText } from './documentReading.js';
import type { ReadingChoice } from '../api/languageChoice.js';
import { addVersionColumn, languageBar, markVersionClause, versionNote } from './documentLanguages.js';

/** The parts of one clause on the page that features may fill. */
export interface ClauseSlots {
  clause: ClauseJson;
  root: HTMLElement;
  /** The clause's text (read-only rendering; an editor may replace its content). */
  body: HTMLElement;
  /** Status, counters and per-clause actions beside the text. */
  aside: HTMLElement;
}

/** What a feature extension receives when a document page is shown. */
export interface DocumentPage {
  documentId: string;
  data: DocumentData;
  user: SessionUser;
  clauses: Map<string, ClauseSlots>;
  /** Under the sticky header's bar: summary, banners, the formatting tools while editing. */
  toolbar: HTMLElement;
  /** In the header: the links and buttons of what this person may do with the document (export, revisions…). */
  actions: HTMLElement;
  /** In the header: who is here. */
  presence: HTMLElement;
  /** Beside the text: comments, amendments, presence. */
  sidebar: HTMLElement;
  /** Re-reads the document and re-renders the page. */
  refresh(): Promise<void>;
  /**
   * Calls `fn` with a clause's id once its status has changed in place: `slots.clause.status` (the same object
   * as in `data.clauses`), its badge and label are updated, and the page is not rebuilt for it.
   */
  onClauseStatus(fn: (clauseId: string) => void): void;
  /**
   * Whether live editors hold the clause bodies (the editing feature says so): a change to the text, such as
   * an accepted amendment, then reaches the page like any edit, and nothing needs to read the page again.
   */
  editing: { live: boolean };
  /** Marks the page with a feature's state, as `data-<name>` on the page's element (styles and tests read it). */
  mark(name: string, value: string): void;
}

/** A feature's addition to the document page; returns its cleanup. */
export type DocumentExtension = (page: DocumentPage) => (() => void) | void;

const extensions: DocumentExtension[] = [];

/**
 * What a feature starts the moment a document page has found its document, before the page is drawn and the
 * extensions run (the editing feature connects the live copy, so the Yjs sync runs beside that work instead
 * of after it); returns its release.
 */
export type DocumentOpening = (documentId: string, choice: ReadingChoice) => () => void;

const openings: DocumentOpening[] = [];

/** Features start their part of opening a document page through this (see `DocumentOpening`). */
export function onDocumentOpening(opening: DocumentOpening): void {
  openings.push(opening);
}

/** Features (editing, comments, amendments, votes) plug into the document page through this. */
export function extendDocumentView(extension: DocumentExtension): void {
  extensions.push(extension);
}

/**
 * The declaration as a reader sees it: title, symbol and stage, the preamble (italic opening participles,
 * commas), numbered operative paragraphs with (a)/(i) subparagraphs, headings and annexes — numbering
 * derived by the server from clause order. Follows stage and status changes live: a stage change rebuilds
 * the page, a clause status (which the chair changes all through a plenary) changes that clause in place, so
 * a room full of readers does not fetch the whole document again each time.
 */
export async function DocumentView(documentId: string, query = new URLSearchParams()): Promise<View> {
  const user = currentUser()!;
  const reading = new ReadingState(documentId, query);
  const root = h('div', { class: 'document-page' });
  let cleanups: (() => void)[] = [];
  let shown: BuiltPage | undefined;
  let rendering = 0;
  /** The releases of what the features started once the document was found (see `DocumentOpening`). */
  let opened: (() => void)[] | undefined;
  const close = (): void => opened?.forEach((release) => release());

  const render = async (): Promise<void> => {
    rendering += 1;
    try {
      const text = await readChosenText(documentId, reading.choice);
      reading.settle(text.choice);
      opened ??= openings.map((open) => open(documentId, text.choice));
      const focused = document.activeElement?.id;
      cleanups.forEach((fn) => fn());
      cleanups = [];
      shown = buildPage(text, user, render, (name, value) => root.setAttribute(`data-${name}`, value));
      shown.header
        .querySelector('.document-toolbar')
        ?.prepend(
          ...[
            languageBar({ data: text.data, user, choice: text.choice, choose: (c) => void reading.choose(c, render) }),
            text.choice.lang && !text.choice.parallel ? versionNote(text.choice.lang) : null,
          ].filter((el) => el !== null),
        );
      root.replaceChildren(shown.element);
      // The switch keeps the focus through the page it rebuilt.
      if (focused?.startsWith('reading-')) document.getElementById(focused)?.focus();
      cleanups.push(trackHeaderHeight(shown.header, root));
      for (const extension of extensions) {
        const cleanup = extension(shown.api);
        if (cleanup) cleanups.push(cleanup);
      }
    } finally {
      rendering -= 1;
    }
  };
  try {
    await render();
  } catch (error) {
    close();
    throw error;
  }
  // A link from the chair's list of unfinished work names a clause or an amendment on this page.
  scrollToHash(root);

  const unkey = documentKeys(root);
  const unfollow = followDocumentEvents(documentId, {
    'document:stage': () => void render(),
    // Kinds decide numbering and sections: the page is read again (order and text changes come by Yjs).
    'clause:kind': () => void render(),
    // A version shown is read again when one of its clauses is marked (its status, its coverage).
    'translation:status': (event) => {
      if (event.lang === reading.choice.lang) void render();
    },
    'clause:status': (event) => {
      const slots = shown?.api.clauses.get(event.clauseId);
      // A page being fetched may have been read before this change, and a clause not shown yet is news: read
      // the document again.
      if (rendering > 0 || !slots || !shown) return void render();
      if (slots.clause.status === event.status) return;
      applyStatus(slots, event.status);
      shown.statusChanged(event.clauseId);
    },
  });

  return {
    title: root.querySelector('h1')?.textContent ?? documentId,
    el: root,
    destroy() {
      cleanups.forEach((fn) => fn());
      unfollow();
      unkey();
      close();
    },
  };
}

interface BuiltPage {
  element: HTMLElement;
  header: HTMLElement;
  api: DocumentPage;
  /** Tells the extensions that a clause's status changed in place. */
  statusChanged(clauseId: string): void;
}

function buildPage(
  { data, version, choice }: ChosenText,
  user: SessionUser,
  refresh: () => Promise<void>,
  mark: DocumentPage['mark'],
): BuiltPage {
  const clauses = new Map<string, ClauseSlots>();
  const statusListeners: ((clauseId: string) => void)[] = [];
  const sidebar = h('aside', { class: 'document-sidebar', 'aria-label': t('document.symbol') });
  const titleClause = data.clauses.find((c) => c.kind === 'title');
  const text = h('article', { class: 'declaration', lang: String(data.metadata.language ?? 'en') });

  const header = documentHeader(data);
  const toolbar = header.toolbar;

  let section: HTMLElement | null = null;
  let sectionKind: string | null = null;
  for (const clause of data.clauses) {
    const slots = renderClause(clause);
    clauses.set(clause.id, slots);
    if (choice.lang && choice.parallel) addVersionColumn(slots, version, choice.lang);
    else if (choice.lang) markVersionClause(slots, choice.lang);
    if (clause.kind === 'title') {
      text.append(slots.root);
      continue;
    }
    const group = clause.kind === 'preamble' ? 'preamble' : clause.kind === 'annex' ? 'annex' : 'operative';
    if (!section || group !== sectionKind) {
      section = h('section', {
        class: `part part-${group}`,
        'aria-label': group === 'annex' ? t('document.kind.annex') : t(`document.${group}`),
      });
      sectionKind = group;
      text.append(section);
    }
    section.append(slots.root);
  }
  if (!titleClause) text.prepend(h('h1', { class: 'clause-title' }, data.title));

  const element = h(
    'div',
    { class: `document-layout${choice.parallel ? ' reading-parallel' : ''}` },
    header.element,
    h('div', { class: 'document-columns' }, text, sidebar),
  );
  return {
    element,
    header: header.element,
    api: {
      documentId: data.id,
      data,
      user,
      clauses,
      toolbar,
      actions: header.actions,
      presence: header.presence,
      sidebar,
      refresh,
      onClauseStatus: (fn) => void statusListeners.push(fn),
      editing: { live: false },
      mark,
    },
    statusChanged: (clauseId) => statusListeners.forEach((fn) => fn(clauseId)),
  };
}

/** Shows a clause's new status: the clause object, its badge, its class and its accessible label. */
function applyStatus(slots: ClauseSlots, status: ClauseStatus): void {
  const previous = slots.clause.status;
  slots.clause.status = status;
  slots.aside.querySelector('.clause-status-badge')?.remove();
  const badge = statusBadge(status);
  if (badge) slots.aside.prepend(badge);
  if (slots.clause.kind === 'title') return;
  slots.root.classList.replace(`status-${previous}`, `status-${status}`);
  slots.root.setAttribute('aria-label', clauseLabel(slots.clause));
}

function statusBadge(status: ClauseStatus): HTMLElement | null {
  return status === 'open'
    ? null
    : h('span', { class: `badge clause-status-badge status-${status}` }, t(`document.status.${status}`));
}

function clauseLabel(clause: ClauseJson): string {
  return t('document.clauseLabel', {
    ref: clause.ref,
    kind: t(`document.kind.${clause.kind}`),
    status: t(`document.status.${clause.status}`),
  });
}

function renderClause(clause: ClauseJson): ClauseSlots {
  const body = renderClauseContent(clause.content, clause.text);
  const aside = h('div', { class: 'clause-aside' }, statusBadge(clause.status));
  if (clause.openBrackets > 0)
    aside.append(h('span', { class: 'badge brackets' }, t('document.brackets', { count: clause.openBrackets })));
  const label = clauseLabel(clause);
  if (clause.kind === 'title') {
    const heading = h('h1', { class: 'clause-title' }, body);
    const root = h(
      'div',
      {
        class: 'clause clause-title-wrap',
        id: `clause-${clause.id}`,
        'data-clause-id': clause.id,
        'data-ref': clause.ref,
      },
      heading,
      aside,
    );
    return { clause, root, body, aside };
  }
  const number =
    clause.kind === 'operative'
      ? h('span', { class: 'clause-number' }, `${clause.number}.`)
      : clause.kind === 'preamble'
        ? h('span', { class: 'clause-ref', 'aria-hidden': 'true' }, clause.ref)
        : null;
  const tag = clause.kind === 'heading' || clause.kind === 'annex' ? 'h2' : 'div';
  const root = h(
    tag === 'h2' ? 'section' : 'div',
    {
      class: `clause clause-${clause.kind} status-${clause.status}`,
      // A named group: an aria-label on a plain div is not announced (a section is a named region already).
      ...(tag === 'h2' ? {} : { role: 'group' }),
      id: `clause-${clause.id}`,
      'data-clause-id': clause.id,
      'data-ref': clause.ref,
      'data-number': clause.number ?? '',
      'aria-label': label,
      tabindex: '-1',
    },
    number,
    tag === 'h2'
      ? h('h2', { class: 'clause-heading' }, clause.kind === 'annex' ? `${clause.number} ` : '', body)
      : body,
    aside,
  );
  return { clause, root, body, aside };
}
