import type { TargetedEvent } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { BracketBody, bt } from '../components/bracketLines.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { dateTime } from '../i18n/dates.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import {
  bracketsReducer,
  bracketsStart,
  listed,
  type BracketsEvent,
  type BracketsState,
  type ListedBracket,
} from './bracketsState.js';

/**
 * The document's open brackets, clause by clause in the order of the text, each UN style with who placed it,
 * and for the secretariat the ways to resolve it here; resolved ones on request, with how and by whom. The
 * status bar's bracket count and each clause's bracket link lead here. Follows brackets live.
 */
export async function BracketsView(documentId: string): Promise<View> {
  const { data, brackets } = await readPage(documentId, false);
  return mountView(
    bt('list.title'),
    <Brackets documentId={documentId} user={currentUser()!} data={data} brackets={brackets} />,
  );
}

async function readPage(id: string, showResolved: boolean): Promise<{ data: DocumentJson; brackets: BracketJson[] }> {
  const params = { id };
  const [data, { brackets }] = await Promise.all([
    call(ROUTES.document, { params }),
    call(ROUTES.brackets, { params, query: { status: showResolved ? 'all' : 'open' } }),
  ]);
  return { data, brackets };
}

export interface BracketsProps {
  documentId: string;
  user: SessionUser;
  data: DocumentJson;
  brackets: BracketJson[];
}

export function Brackets({ documentId, user, data, brackets }: BracketsProps) {
  const [state, dispatch] = useReducer(bracketsReducer, bracketsStart(data, brackets));
  const [actions] = useState(() => new Actions());
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A link from a clause names its first bracket here.
  useEffect(() => scrollToHash(root.current!), []);
  useFollowBrackets(documentId, state, dispatch);
  // A resolved bracket leaves the list with the button that resolved it: the focus goes to the page's heading.
  useEffect(() => {
    if (state.resolutions && (!document.activeElement || document.activeElement === document.body))
      heading.current?.focus();
  }, [state.resolutions]);
  const { open, resolved } = listed(state.brackets);
  const item = (entry: ListedBracket) => (
    <BracketEntry
      key={entry.bracket.id}
      entry={entry}
      documentId={documentId}
      data={state.data}
      user={user}
      actions={actions}
      dispatch={dispatch}
    />
  );
  return (
    <div class="brackets-page" ref={root}>
      <p class="breadcrumbs">
        <a href={`/documents/${encodeURIComponent(documentId)}`}>{bt('list.back')}</a>
      </p>
      <h1 tabIndex={-1} ref={heading}>
        {bt('list.title')}
      </h1>
      <p class="document-meta">
        {state.data.title} · {state.data.symbol} · {bt('list.count', { count: open.length })}
      </p>
      <p>
        <input
          type="checkbox"
          id="brackets-show-resolved"
          checked={state.showResolved}
          onChange={(e: TargetedEvent<HTMLInputElement>) =>
            dispatch({ type: 'toggled', showResolved: e.currentTarget.checked })
          }
        />{' '}
        <label for="brackets-show-resolved">{bt('list.showResolved')}</label>
      </p>
      {open.length ? (
        <ul class="bracket-list" aria-label={bt('list.title')}>
          {open.map(item)}
        </ul>
      ) : (
        <p class="empty">{bt('list.empty')}</p>
      )}
      {state.showResolved && resolved.length ? (
        <>
          <h2>{bt('list.resolvedTitle')}</h2>
          <ul class="bracket-list resolved" aria-label={bt('list.resolvedTitle')}>
            {resolved.map(item)}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Follows the document's brackets, and reads the page again when the state says it is stale. */
function useFollowBrackets(documentId: string, state: BracketsState, dispatch: (event: BracketsEvent) => void): void {
  useEffect(
    () =>
      followDocumentEvents(
        documentId,
        {
          'bracket:changed': (e) => dispatch({ type: 'bracket:changed', bracket: e.bracket }),
          // References follow the order and kinds; permissions the stage and statuses.
          'document:stage': () => dispatch({ type: 'stale' }),
          'clause:kind': () => dispatch({ type: 'stale' }),
          'clause:status': () => dispatch({ type: 'stale' }),
        },
        // Back in the room (after a dropped connection): brackets may have changed meanwhile.
        () => dispatch({ type: 'stale' }),
      ),
    [documentId],
  );
  useEffect(() => {
    if (!state.stale || state.reading) return;
    dispatch({ type: 'reading' });
    readPage(documentId, state.showResolved).then(
      (read) => dispatch({ type: 'read', ...read }),
      () => dispatch({ type: 'read-failed' }),
    );
  }, [state.stale, state.reading]);
}

interface EntryProps {
  entry: ListedBracket;
  documentId: string;
  data: DocumentJson;
  user: SessionUser;
  actions: Actions;
  dispatch: (event: BracketsEvent) => void;
}

/**
 * One bracket: its clause (a link to it in the text), its words UN style with the ways to resolve it (the
 * same as beside the clause on the document page, `BracketBody`), and who placed or resolved it, when.
 */
function BracketEntry({ entry: { bracket: b, anchor }, documentId, data, user, actions, dispatch }: EntryProps) {
  const clause = data.clauses.find((c) => c.id === b.clauseId);
  const canResolve = can(user, 'bracket.resolve', {
    stage: data.stage,
    ...(clause ? { clauseStatus: clause.status } : {}),
  });
  return (
    <li class="bracket" id={`bracket-${b.id}`} data-bracket-id={b.id} data-status={b.status}>
      {anchor ? <span id={`clause-${b.clauseId}`} /> : null}
      <a class="bracket-clause" href={`/documents/${encodeURIComponent(documentId)}#clause-${b.clauseId}`}>
        {b.clauseRef ?? bt('list.left')}
      </a>{' '}
      <BracketBody
        bracket={b}
        controls={{ documentId, actions, canResolve, resolved: (bracket) => dispatch({ type: 'resolved', bracket }) }}
      />
      <p class="meta">
        {b.resolution
          ? bt(`list.resolved.${b.resolution.kind}`, { label: b.resolution.label, name: b.resolution.byName })
          : bt('line.placedBy', { name: b.createdByName })}
        {' · '}
        {dateTime(b.resolution?.at ?? b.createdAt)}
      </p>
    </li>
  );
}
