import { Fragment } from 'preact';
import { useEffect, useReducer } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionDiffResponse, RevisionListResponse } from '../../shared/api/revisions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { nt } from '../components/negotiationKit.js';
import { Diff } from '../components/negotiationParts.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { AttributionPanel, ComparePanel, FrozenReading, RevisionList, type RevisionsPage } from './revisionPanels.js';
import { changedClauses, revisionsReducer, revisionsStart } from './revisionsState.js';
import { refLabel } from '../i18n/clauseRefs.js';

/**
 * Revisions of a document: the published list (each readable as it was frozen), publishing the next one
 * (secretariat), comparing any two or one with the live text clause by clause, and who wrote what in a
 * clause since a chosen revision.
 */
export async function RevisionsView(documentId: string, query: URLSearchParams): Promise<View> {
  const [live, list] = await readPage(documentId);
  return mountView(
    nt('revisions.title'),
    <Revisions
      documentId={documentId}
      query={query}
      user={currentUser()!}
      live={live}
      list={list}
      actions={new Actions()}
    />,
  );
}

const readPage = (id: string) =>
  Promise.all([call(ROUTES.document, { params: { id } }), call(ROUTES.revisions, { params: { id } })]);

interface RevisionsProps {
  documentId: string;
  query: URLSearchParams;
  user: SessionUser;
  live: DocumentJson;
  list: RevisionListResponse;
  actions: Actions;
}

export function Revisions({ documentId, query, user, live, list, actions }: RevisionsProps) {
  const [state, dispatch] = useReducer(revisionsReducer, revisionsStart(live, list));
  const reload = async (): Promise<void> => {
    const [live, list] = await readPage(documentId);
    dispatch({ type: 'loaded', live, list });
  };
  useEffect(() => {
    const again = (): void => void reload().catch(() => {});
    // Back in the room (after a dropped connection), a publication may have been missed: read again.
    return followDocumentEvents(documentId, { 'revision:published': again }, again);
  }, [documentId]);
  const page: RevisionsPage = { documentId, user, actions, query, state, dispatch, reload };
  return (
    <div class="revisions-page">
      <p class="breadcrumbs">
        <a href={`/documents/${encodeURIComponent(documentId)}`}>{nt('compilation.back')}</a>
      </p>
      <h1>{nt('revisions.heading', { title: state.live.title })}</h1>
      <RevisionList page={page} />
      <FrozenReading page={page} />
      <ComparePanel page={page}>{state.comparison ? <Comparison diff={state.comparison} /> : null}</ComparePanel>
      <AttributionPanel page={page} />
    </div>
  );
}

const sideName = (side: { name: string }): string => (side.name === 'live' ? nt('revisions.live') : side.name);

/** The comparison, clause by clause in the newer order, unchanged clauses folded away. */
export function Comparison({ diff }: { diff: RevisionDiffResponse }) {
  const changed = changedClauses(diff);
  return (
    <div>
      <p>{nt('revisions.comparing', { from: sideName(diff.from), to: sideName(diff.to) })}</p>
      <ul class="change-counts">
        {(['changed', 'moved', 'added', 'deleted', 'unchanged'] as const).map((k) => (
          <li key={k} class={`change-count change-${k}`}>
            <span class="count">{String(diff.counts[k])}</span> {nt(`revisions.change.${k}`)}
          </li>
        ))}
      </ul>
      {changed.length ? (
        <ol class="clause-diffs">
          {changed.map((c) => (
            <li key={c.id} class={`clause-diff change-${c.change}`} data-clause-id={c.id} data-change={c.change}>
              <ClauseDiffHead change={c} />
              {c.change === 'unchanged' || (c.change === 'moved' && !c.textChanged) ? null : <Diff diff={c.diff} />}
            </li>
          ))}
        </ol>
      ) : (
        <p>{nt('revisions.identical')}</p>
      )}
    </div>
  );
}

/** A changed clause's line: what happened to it, its reference (old → new when renumbered), and its status. */
function ClauseDiffHead({ change: c }: { change: RevisionDiffResponse['clauses'][number] }) {
  return (
    <p class="clause-diff-head">
      <span class={`badge change-${c.change}`}>{nt(`revisions.change.${c.change}`)}</span>{' '}
      {c.from && c.to && c.from.ref !== c.to.ref
        ? `${refLabel(c.from.ref)} → ${refLabel(c.to.ref)}`
        : refLabel((c.to ?? c.from)!.ref)}
      {c.change === 'moved' && c.textChanged ? <Fragment>{` · ${nt('revisions.alsoChanged')}`}</Fragment> : null}
      {c.statusChanged
        ? ` · ${nt('revisions.statusChanged', {
            from: t(`document.status.${c.from!.status}`),
            to: t(`document.status.${c.to!.status}`),
          })}`
        : null}
    </p>
  );
}
