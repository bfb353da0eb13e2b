import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionListResponse } from '../../shared/api/revisions.js';
import { pathOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { ExportFormat } from '../../shared/domain/formats.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { conferenceKey } from '../api/ledger.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { errorMessage } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { DownloadProgress, DownloadStatus, et, exportError, useDownloader } from './exportDownload.js';
import { LanguageChoice, languageQuery, originalOf, pickedLanguages } from './exportLanguages.js';
import { FormatChoice, IntegrityPanel, VersionPicker, VersionSummary } from './exportPanels.js';
import { ReportsPanel } from './exportReports.js';
import {
  exportQuery,
  exportReducer,
  exportStart,
  pendingPick,
  type ExportEvent,
  type ExportState,
  type Version,
} from './exportState.js';

/**
 * The export screen: what will be exported (document, stage, the version — live text or a published
 * revision — and whether it comes out marked "Draft"), a choice of formats each with what it is for, and a
 * download that keeps the server's file name. Anything slower than a second shows a progress bar; a
 * failure is said in words, never as a trace. Below, how to check what was adopted without trusting this
 * server: the adopted text's fingerprint as the ledger recorded it, the conference key's, and the commands.
 */
export async function ExportView(documentId: string): Promise<View> {
  const params = { id: documentId };
  const [live, list] = await Promise.all([call(ROUTES.document, { params }), call(ROUTES.revisions, { params })]);
  return mountView(
    et('title'),
    <Export documentId={documentId} user={currentUser()!} live={live} list={list} actions={new Actions()} />,
  );
}

export interface ExportProps {
  documentId: string;
  user: SessionUser;
  live: DocumentJson;
  list: RevisionListResponse;
  /** The download and the choice of version: the button waits while a file is prepared, one line says what failed. */
  actions: Actions;
}

export function Export({ documentId, user, live, list, actions }: ExportProps) {
  const [state, dispatch] = useReducer(exportReducer, exportStart(live, list));
  useFollowExport(documentId, dispatch);
  useVersionReads(documentId, state, dispatch, actions);
  useEffect(() => {
    conferenceKey().then(
      (key) => dispatch({ type: 'key', key }),
      (error: unknown) => dispatch({ type: 'key', key: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, []);
  const downloader = useDownloader(actions);
  const allowed = can(user, 'document.export', { stage: state.live.stage });
  const onSubmit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const format = form.get('format') as ExportFormat | null;
    if (!format) return;
    const original = originalOf(state.live);
    const languages = languageQuery(pickedLanguages(form, original), format, original);
    downloader.run({
      url: `${pathOf(ROUTES.exportDocument, { params: { id: documentId } })}?${exportQuery(format, state.version, languages)}`,
      fallbackName: `${documentId}.${format}`,
    });
  };
  return (
    <div class="export-page" aria-busy={downloader.state.preparing ? 'true' : undefined}>
      <p class="breadcrumbs">
        <a href={`/documents/${encodeURIComponent(documentId)}`}>{et('back')}</a>
      </p>
      <h1>{et('heading', { title: state.live.title })}</h1>
      <VersionSummary live={state.live} version={state.version} />
      <p class="form-error" role="alert">
        {allowed ? null : errorMessage({ id: 'role_not_allowed' })}
      </p>
      <form class="export-form" onSubmit={onSubmit}>
        <VersionPicker list={state.list} picked={state.picked} onPick={(id) => dispatch({ type: 'picked', id })} />
        <LanguageChoice live={state.live} />
        <FormatChoice />
        <p class="hint">{et('namingHint')}</p>
        <div class="export-actions">
          <ActionButton actions={actions} name="download" type="submit" class="primary" disabled={!allowed}>
            {et('download')}
          </ActionButton>
          <DownloadProgress state={downloader.state} />
        </div>
        <DownloadStatus state={downloader.state} />
        <ActionError actions={actions} names={['download', 'version']} format={exportError} class="export-error" />
      </form>
      {/* The meeting's papers, for those who may print them (every stage: the permission does not depend on it). */}
      {can(user, 'record.export', { stage: state.live.stage }) ? <ReportsPanel documentId={documentId} /> : null}
      <IntegrityPanel live={state.live} conferenceKey={state.key} />
    </div>
  );
}

/** The stage can move (adoption) and revisions appear while the screen is open: both are read again. */
function useFollowExport(documentId: string, dispatch: (event: ExportEvent) => void): void {
  useEffect(() => {
    const params = { id: documentId };
    const stageMoved = (): void =>
      void call(ROUTES.document, { params }).then(
        (live) => dispatch({ type: 'live', live }),
        () => {},
      );
    const revisionPublished = (): void =>
      void call(ROUTES.revisions, { params }).then(
        (list) => dispatch({ type: 'revisions', list }),
        () => {},
      );
    return followDocumentEvents(
      documentId,
      { 'document:stage': stageMoved, 'revision:published': revisionPublished },
      // Back in the room (after a dropped connection): both may have changed meanwhile.
      () => {
        stageMoved();
        revisionPublished();
      },
    );
  }, [documentId]);
}

/**
 * A picked revision is read once (its stage and size as it was frozen) and then shown; a failed read is the
 * action `version`'s error, unless a later pick has overtaken it.
 */
function useVersionReads(
  documentId: string,
  state: ExportState,
  dispatch: (event: ExportEvent) => void,
  actions: Actions,
): void {
  const frozen = useRef(new Map<string, Version>());
  const pending = pendingPick(state);
  useEffect(() => {
    actions.clear('version');
    const revision = state.list.revisions.find((r) => r.id === pending);
    if (!pending || !revision) return;
    const known = frozen.current.get(pending);
    if (known) return dispatch({ type: 'version', id: pending, version: known });
    let overtaken = false;
    call(ROUTES.document, { params: { id: documentId }, query: { revision: pending } }).then(
      (doc) => {
        const version = { revision, stage: doc.stage, clauseCount: doc.clauses.length };
        frozen.current.set(pending, version);
        if (!overtaken) dispatch({ type: 'version', id: pending, version });
      },
      (error: unknown) => {
        if (!overtaken) actions.refuse('version', error);
      },
    );
    return () => {
      overtaken = true;
    };
  }, [pending]);
}
