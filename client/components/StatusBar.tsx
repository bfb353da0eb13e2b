import type { ComponentChildren } from 'preact';
import type { DocumentJson } from '../../shared/api/documents.js';
import { CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { t } from '../i18n/index.js';
import { bracketsHref } from './bracketLines.js';
import { nt } from './negotiationKit.js';

export interface StatusBarProps {
  data: DocumentJson;
  /** How many amendments await a decision. */
  pending: number;
  /** Brackets placed over the text (`placedBrackets`), counted with those typed in it. */
  placed?: number;
  /** Other features' counts, as further items of the list (the open suggestions). */
  children?: ComponentChildren;
}

/**
 * The summary under the document's header: how many clauses are open, under discussion, agreed ad
 * referendum or bracketed, how many bracketed passages remain (square brackets typed in the text and brackets
 * placed over it; the count links to the list of open brackets), how many amendments wait for a decision.
 */
export function StatusBar({ data, pending, placed = 0, children }: StatusBarProps) {
  const clauses = data.clauses.filter((c) => c.kind !== 'title' && c.kind !== 'heading');
  const brackets = clauses.reduce((sum, c) => sum + c.openBrackets, placed);
  return (
    <div class="status-bar" role="group" aria-label={nt('statusBar.label')}>
      <ul class="status-counts">
        {CLAUSE_STATUSES.map((status) => (
          <li key={status} class={`status-count status-${status}`} data-status={status}>
            <span class="count">{String(clauses.filter((c) => c.status === status).length)}</span>{' '}
            {t(`document.status.${status}`)}
          </li>
        ))}
        <li class="status-count brackets" data-status="brackets">
          <a href={bracketsHref(data.id)}>
            <span class="count">{String(brackets)}</span> {nt('statusBar.brackets')}
          </a>
        </li>
        <li class="status-count pending" data-status="pending">
          <span class="count">{String(pending)}</span> {nt('statusBar.pending')}
        </li>
        {children}
      </ul>
    </div>
  );
}

/** The ways to the compilation of amendments and the revisions, among the header's actions. */
export function NegotiationLinks({ documentId }: { documentId: string }) {
  const base = `/documents/${encodeURIComponent(documentId)}`;
  return (
    <>
      <a class="action-link" href={`${base}/compilation`}>
        {nt('compilation.title')}
      </a>
      <a class="action-link" href={`${base}/revisions`}>
        {nt('revisions.title')}
      </a>
    </>
  );
}
