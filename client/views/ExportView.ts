import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionListResponse } from '../../shared/api/revisions.js';
import { pathOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { conferenceKey, type ConferenceKey } from '../api/ledger.js';
import { actionError, bindAction, refreshControls } from '../components/actionControls.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { h } from '../dom.js';
import { errorMessage } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { Downloader, et, exportError } from './exportDownload.js';
import {
  FormatChoice,
  IntegrityPanel,
  liveVersion,
  renderVersionOptions,
  VersionSummary,
  type Version,
} from './exportPanels.js';
import { ReportsPanel } from './exportReports.js';
import { LanguageChoice, languageQuery } from './exportLanguages.js';

/** What the export screen knows: the live text, the revisions, the version picked, the conference's key. */
interface ExportState {
  live: DocumentJson;
  list: RevisionListResponse;
  version: Version;
  /** The conference's key, or the error that kept it from being read. */
  key: ConferenceKey | Error | null;
}

/**
 * The version picker: shows the picked version; a revision's stage and size are read once, as it was frozen.
 * A pick overtaken by a later one changes nothing.
 */
function VersionPicker(o: {
  documentId: string;
  actions: Actions;
  state: ExportState;
  chosen(): void;
}): HTMLSelectElement {
  const frozen = new Map<string, Version>();
  let pick = 0;
  const picker = h('select', { id: 'export-version', 'aria-describedby': 'export-version-hint' });
  const read = async (revisionId: string): Promise<Version | undefined> => {
    const revision = o.state.list.revisions.find((r) => r.id === revisionId);
    if (!revision) return undefined;
    const known = frozen.get(revisionId);
    if (known) return known;
    const doc = await call(ROUTES.document, { params: { id: o.documentId }, query: { revision: revisionId } });
    frozen.set(revisionId, { revision, stage: doc.stage, clauseCount: doc.clauses.length });
    return frozen.get(revisionId);
  };
  const choose = async (revisionId: string): Promise<void> => {
    const mine = ++pick;
    o.actions.clear('version');
    let next: Version | undefined;
    try {
      next = revisionId ? await read(revisionId) : liveVersion(o.state.live);
    } catch (error) {
      if (mine === pick) o.actions.refuse('version', error);
      return;
    }
    if (!next || mine !== pick) return;
    o.state.version = next;
    o.chosen();
  };
  picker.addEventListener('change', () => void choose(picker.value));
  return picker;
}

/** The form: the version, the format, and the download with its progress and its one line of error. */
function ExportForm(o: {
  actions: Actions;
  picker: HTMLSelectElement;
  languages: HTMLElement | null;
  formats: ReturnType<typeof FormatChoice>;
  downloader: ReturnType<typeof Downloader>;
  allowed(): boolean;
}): HTMLFormElement {
  const { actions, picker, formats, downloader } = o;
  const download = bindAction(
    actions,
    'download',
    h('button', { type: 'submit', class: 'primary' }, et('download')),
    () => !o.allowed(),
  );
  const onsubmit = (event: Event): void => {
    event.preventDefault();
    const format = formats.picked();
    if (format) void downloader.run(format);
  };
  return h(
    'form',
    { class: 'export-form', onsubmit },
    h(
      'div',
      { class: 'field' },
      h('label', { for: picker.id }, et('versionLabel')),
      picker,
      h('p', { class: 'hint', id: 'export-version-hint' }, et('versionHint')),
    ),
    o.languages ?? '',
    formats.el,
    h('p', { class: 'hint' }, et('namingHint')),
    h('div', { class: 'export-actions' }, download, downloader.progress),
    downloader.status,
    actionError(actions, ['download', 'version'], exportError, { className: 'export-error' }),
  );
}

/**
 * The export screen: what will be exported (document, stage, the version — live text or a published
 * revision — and whether it comes out marked "Draft"), a choice of formats each with what it is for, and a
 * download that keeps the server's file name. Anything slower than a second shows a progress bar; a
 * failure is said in words, never as a trace. Below, how to check what was adopted without trusting this
 * server: the adopted text's fingerprint as the ledger recorded it, the conference key's, and the commands.
 */
export async function ExportView(documentId: string): Promise<View> {
  const params = { id: documentId };
  const user = currentUser()!;
  const [live, list] = await Promise.all([call(ROUTES.document, { params }), call(ROUTES.revisions, { params })]);
  const state: ExportState = { live, list, version: liveVersion(live), key: null };
  // The download and the choice of version are actions: the button waits while a file is prepared, and one
  // line says what failed.
  const actions = new Actions();
  const root = h('div', { class: 'export-page' });
  const summary = VersionSummary();
  const integrity = IntegrityPanel();
  const formats = FormatChoice();
  const languages = LanguageChoice(live);
  const original = live.languages?.find((l) => l.original)?.code ?? 'en';
  const allowed = (): boolean => can(user, 'document.export', { stage: state.live.stage });
  const picker = VersionPicker({ documentId, actions, state, chosen: () => summary.update(state.live, state.version) });
  const downloader = Downloader({
    actions,
    busy: root,
    source: (format) => ({
      url: `${pathOf(ROUTES.exportDocument, { params })}?${exportQuery(format, state.version, languageQuery(languages.picked(), format, original))}`,
      fallbackName: `${documentId}.${format}`,
    }),
  });
  const form = ExportForm({ actions, picker, languages: languages.el, formats, downloader, allowed });
  const refusal = h('p', { class: 'form-error', role: 'alert' });
  // The meeting's papers, for those who may print them (every stage: the permission does not depend on it).
  const reports = can(user, 'record.export', { stage: state.live.stage }) ? ReportsPanel(documentId) : null;
  const renderAllowed = (): void => {
    refreshControls(actions);
    refusal.textContent = allowed() ? '' : errorMessage({ id: 'role_not_allowed' });
  };
  const renderKey = (key: ConferenceKey | Error): void => {
    state.key = key;
    integrity.update(state.live, state.key);
  };
  root.append(
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${encodeURIComponent(documentId)}` }, et('back'))),
    h('h1', null, et('heading', { title: state.live.title })),
    summary.el,
    refusal,
    form,
    reports?.el ?? '',
    integrity.el,
  );
  const liveChanged = (doc: DocumentJson): void => {
    state.live = doc;
    if (!state.version.revision) state.version = liveVersion(doc);
    summary.update(state.live, state.version);
    renderAllowed();
    integrity.update(state.live, state.key);
  };
  const revisionsChanged = (next: RevisionListResponse): void => {
    state.list = next;
    renderVersionOptions(picker, state.list, state.version);
  };
  renderVersionOptions(picker, state.list, state.version);
  summary.update(state.live, state.version);
  renderAllowed();
  integrity.update(state.live, state.key);
  void conferenceKey().then(renderKey, (error: unknown) =>
    renderKey(error instanceof Error ? error : new Error(String(error))),
  );

  // The stage can move (adoption) and revisions appear while the screen is open.
  const stageMoved = (): void => void call(ROUTES.document, { params }).then(liveChanged, () => {});
  const revisionPublished = (): void => void call(ROUTES.revisions, { params }).then(revisionsChanged, () => {});
  const unfollow = followDocumentEvents(
    documentId,
    { 'document:stage': stageMoved, 'revision:published': revisionPublished },
    // Back in the room (after a dropped connection): both may have changed meanwhile.
    () => {
      stageMoved();
      revisionPublished();
    },
  );

  return {
    title: et('title'),
    el: root,
    destroy() {
      downloader.abort();
      reports?.abort();
      unfollow();
    },
  };
}

/** The query of a download: the format, the languages, and the revision when one is picked. */
function exportQuery(format: string, version: Version, languages: Record<string, string>): URLSearchParams {
  const query = new URLSearchParams({ format, ...languages });
  if (version.revision) query.set('revision', version.revision.id);
  return query;
}
