import type { DocumentJson } from '../../shared/api/documents.js';
import { CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { nt } from './negotiationKit.js';
import { bracketsHref } from './bracketLines.js';

/**
 * The summary under the document's header: how many clauses are open, under discussion, agreed ad
 * referendum or bracketed, how many bracketed passages remain (square brackets typed in the text and brackets
 * placed over it, `placedBrackets`; the count links to the list of open brackets), how many amendments wait
 * for a decision.
 */
export function StatusBar(data: DocumentJson, pendingAmendments: number, placedBrackets = 0): HTMLElement {
  const clauses = data.clauses.filter((c) => c.kind !== 'title' && c.kind !== 'heading');
  const brackets = clauses.reduce((sum, c) => sum + c.openBrackets, placedBrackets);
  return h(
    'div',
    { class: 'status-bar', role: 'group', 'aria-label': nt('statusBar.label') },
    h(
      'ul',
      { class: 'status-counts' },
      CLAUSE_STATUSES.map((status) =>
        h(
          'li',
          { class: `status-count status-${status}`, 'data-status': status },
          h('span', { class: 'count' }, String(clauses.filter((c) => c.status === status).length)),
          ' ',
          t(`document.status.${status}`),
        ),
      ),
      h(
        'li',
        { class: 'status-count brackets', 'data-status': 'brackets' },
        h(
          'a',
          { href: bracketsHref(data.id) },
          h('span', { class: 'count' }, String(brackets)),
          ' ',
          nt('statusBar.brackets'),
        ),
      ),
      h(
        'li',
        { class: 'status-count pending', 'data-status': 'pending' },
        h('span', { class: 'count' }, String(pendingAmendments)),
        ' ',
        nt('statusBar.pending'),
      ),
    ),
  );
}

/** The ways to the compilation of amendments and the revisions, among the header's actions. */
export function negotiationLinks(documentId: string): HTMLElement[] {
  const base = `/documents/${encodeURIComponent(documentId)}`;
  return [
    h('a', { class: 'action-link', href: `${base}/compilation` }, nt('compilation.title')),
    h('a', { class: 'action-link', href: `${base}/revisions` }, nt('revisions.title')),
  ];
}
