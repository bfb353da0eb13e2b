import type { ClauseView, DocumentView as DocumentData } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { api } from '../api/http.js';
import { followDocument, getSocket } from '../api/socket.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { renderClauseContent } from '../components/ClauseContent.js';

/** The parts of one clause on the page that features may fill. */
export interface ClauseSlots {
  clause: ClauseView;
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
  /** Above the text: stage, summary bars, tools. */
  toolbar: HTMLElement;
  /** Beside the text: comments, amendments, presence. */
  sidebar: HTMLElement;
  /** Re-reads the document and re-renders the page. */
  refresh(): Promise<void>;
}

/** A feature's addition to the document page; returns its cleanup. */
export type DocumentExtension = (page: DocumentPage) => (() => void) | void;

const extensions: DocumentExtension[] = [];

/** Features (editing, comments, amendments, votes) plug into the document page through this. */
export function extendDocumentView(extension: DocumentExtension): void {
  extensions.push(extension);
}

/**
 * The declaration as a reader sees it: title, symbol and stage, the preamble (italic opening participles,
 * commas), numbered operative paragraphs with (a)/(i) subparagraphs, headings and annexes — numbering
 * derived by the server from clause order. Follows stage and status changes live.
 */
export async function DocumentView(documentId: string): Promise<View> {
  const user = currentUser()!;
  const root = h('div', { class: 'document-page' });
  let cleanups: (() => void)[] = [];

  const render = async (): Promise<void> => {
    const data = await api.get<DocumentData>(`/api/documents/${encodeURIComponent(documentId)}?include=content`);
    cleanups.forEach((fn) => fn());
    cleanups = [];
    const page = buildPage(data, user, render);
    root.replaceChildren(page.element);
    for (const extension of extensions) {
      const cleanup = extension(page.api);
      if (cleanup) cleanups.push(cleanup);
    }
  };
  await render();

  const unfollow = followDocument(documentId);
  const socket = getSocket();
  const onChange = (event: { documentId: string }): void => {
    if (event.documentId === documentId) void render();
  };
  socket.on('document:stage', onChange);
  socket.on('clause:status', onChange);

  return {
    title: root.querySelector('h1')?.textContent ?? documentId,
    el: root,
    destroy() {
      cleanups.forEach((fn) => fn());
      socket.off('document:stage', onChange);
      socket.off('clause:status', onChange);
      unfollow();
    },
  };
}

function buildPage(data: DocumentData, user: SessionUser, refresh: () => Promise<void>): { element: HTMLElement; api: DocumentPage } {
  const clauses = new Map<string, ClauseSlots>();
  const toolbar = h('div', { class: 'document-toolbar' });
  const sidebar = h('aside', { class: 'document-sidebar', 'aria-label': t('document.symbol') });
  const titleClause = data.clauses.find((c) => c.kind === 'title');
  const text = h('article', { class: 'declaration', lang: String(data.metadata.language ?? 'en') });

  const header = h(
    'header',
    { class: 'document-header' },
    h('p', { class: 'breadcrumbs' }, h('a', { href: '/' }, t('document.backToList'))),
    h(
      'p',
      { class: 'document-meta' },
      h('span', { class: 'symbol' }, data.symbol),
      h('span', { class: `stage stage-${data.stage}`, 'data-stage': data.stage }, `${t('document.stageLabel')}: ${t(`document.stage.${data.stage}`)}`),
      data.metadata.demo ? h('span', { class: 'demo-note', title: String(data.metadata.note ?? '') }, t('document.demoNote')) : null,
    ),
  );

  let section: HTMLElement | null = null;
  let sectionKind: string | null = null;
  for (const clause of data.clauses) {
    const slots = renderClause(clause);
    clauses.set(clause.id, slots);
    if (clause.kind === 'title') {
      text.append(slots.root);
      continue;
    }
    const group = clause.kind === 'preamble' ? 'preamble' : clause.kind === 'annex' ? 'annex' : 'operative';
    if (!section || group !== sectionKind) {
      section = h('section', { class: `part part-${group}`, 'aria-label': group === 'annex' ? t('document.kind.annex') : t(`document.${group}`) });
      sectionKind = group;
      text.append(section);
    }
    section.append(slots.root);
  }
  if (!titleClause) text.prepend(h('h1', { class: 'clause-title' }, data.title));

  const element = h('div', { class: 'document-layout' }, header, toolbar, h('div', { class: 'document-columns' }, text, sidebar));
  return { element, api: { documentId: data.id, data, user, clauses, toolbar, sidebar, refresh } };
}

function renderClause(clause: ClauseView): ClauseSlots {
  const body = renderClauseContent(clause.content, clause.text);
  const aside = h('div', { class: 'clause-aside' });
  if (clause.status !== 'open') {
    aside.append(h('span', { class: `badge status-${clause.status}` }, t(`document.status.${clause.status}`)));
  }
  if (clause.openBrackets > 0) aside.append(h('span', { class: 'badge brackets' }, t('document.brackets', { count: clause.openBrackets })));
  const label = t('document.clauseLabel', { ref: clause.ref, kind: t(`document.kind.${clause.kind}`), status: t(`document.status.${clause.status}`) });
  if (clause.kind === 'title') {
    const heading = h('h1', { class: 'clause-title' }, body);
    const root = h('div', { class: 'clause clause-title-wrap', id: `clause-${clause.id}`, 'data-clause-id': clause.id, 'data-ref': clause.ref }, heading, aside);
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
      id: `clause-${clause.id}`,
      'data-clause-id': clause.id,
      'data-ref': clause.ref,
      'data-number': clause.number ?? '',
      'aria-label': label,
      tabindex: '-1',
    },
    number,
    tag === 'h2' ? h('h2', { class: 'clause-heading' }, clause.kind === 'annex' ? `${clause.number} ` : '', body) : body,
    aside,
  );
  return { clause, root, body, aside };
}
