import type { ApiErrorBody } from '../../shared/api/errors.js';
import type { DocumentView } from '../../shared/api/documents.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api/export.js';
import type { RevisionListResponse, RevisionView } from '../../shared/api/revisions.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { api, ApiError } from '../api/http.js';
import { conferenceKey, shortHash, type ConferenceKey } from '../api/ledger.js';
import { followDocument, getSocket } from '../api/socket.js';
import { actionError, bindAction, refreshControls } from '../components/actionControls.js';
import { saveFile } from '../components/download.js';
import { fingerprintValue, keyFingerprintValue } from '../components/fingerprint.js';
import { h, replaceChildren } from '../dom.js';
import { currentLanguage, errorMessage, t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';

/** A string of the `export` namespace. */
function et(key: string, options?: Record<string, unknown>): string {
  return t(`export:${key}`, options as never) as unknown as string;
}

/** After this long without an answer, the download shows a progress bar (ms). */
export const PROGRESS_AFTER_MS = 1000;

/** The version being looked at: the live text, or a revision with its frozen stage and clause count. */
interface Version {
  revision: RevisionView | null;
  stage: DocumentView['stage'];
  clauseCount: number;
}

/**
 * The export screen: what will be exported (document, stage, the version — live text or a published
 * revision — and whether it comes out marked "Draft"), a choice of formats each with what it is for, and a
 * download that keeps the server's file name. Anything slower than a second shows a progress bar; a
 * failure is said in words, never as a trace. Below, how to check what was adopted without trusting this
 * server: the adopted text's fingerprint as the ledger recorded it, the conference key's, and the commands.
 */
export async function ExportView(documentId: string): Promise<View> {
  const base = `/api/documents/${encodeURIComponent(documentId)}`;
  const user = currentUser()!;
  let [live, list] = await Promise.all([api.get<DocumentView>(base), api.get<RevisionListResponse>(`${base}/revisions`)]);
  const frozen = new Map<string, Version>();
  let version: Version = { revision: null, stage: live.stage, clauseCount: live.clauses.length };
  let controller: AbortController | null = null;
  let pick = 0;
  // The download and the choice of version are actions: the button waits while a file is prepared, and one
  // line says what failed.
  const actions = new Actions();

  const root = h('div', { class: 'export-page' });
  const summary = h('dl', { class: 'export-summary' });
  const note = h('p', { class: 'export-note', 'aria-live': 'polite' });
  const picker = h('select', { id: 'export-version', 'aria-describedby': 'export-version-hint' });
  const status = h('p', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
  const failure = actionError(actions, ['download', 'version'], exportError, { className: 'export-error' });
  const progress = h('div', { class: 'export-progress', hidden: true },
    h('progress', { role: 'progressbar', 'aria-label': et('preparing'), 'aria-describedby': 'export-progress-text' }),
    h('span', { id: 'export-progress-text' }, et('preparing')),
  );
  const allowed = (): boolean => can(user, 'document.export', { stage: live.stage });
  /** The conference's key, or the error that kept it from being read. */
  let key: ConferenceKey | Error | null = null;
  const integrity = h('section', { class: 'export-integrity', 'aria-labelledby': 'export-integrity-title' });
  const renderIntegrity = (): void => {
    const adoption = live.adoption;
    replaceChildren(
      integrity,
      h('h2', { id: 'export-integrity-title' }, et('integrity.title')),
      h(
        'dl',
        { class: 'export-fingerprints' },
        h('dt', null, et('integrity.text')),
        h('dd', null, adoption ? [fingerprintValue(adoption.fingerprint, et('integrity.full')), h('p', { class: 'hint' }, et(`integrity.${adoption.method}`, { date: shortDate(adoption.at), entry: adoption.entry }))] : et('integrity.notAdopted')),
        h('dt', null, et('integrity.key')),
        h('dd', null, key instanceof Error ? errorMessage(key) : key ? keyFingerprintValue(key.fingerprint) : '…'),
      ),
      h('p', null, et('integrity.how')),
      h(
        'ul',
        { class: 'export-verify' },
        h('li', null, h('code', null, 'npm run verify-package -- FILE.zip --public-key conference.pub.pem'), ' — ', et('integrity.verifyPackage')),
        h('li', null, h('code', null, 'npm run verify-ledger -- --public-key conference.pub.pem'), ' — ', et('integrity.verifyLedger')),
      ),
    );
  };
  const download = bindAction(actions, 'download', h('button', { type: 'submit', class: 'primary' }, et('download')), () => !allowed());

  const renderPicker = (): void => {
    const selected = version.revision?.id ?? '';
    replaceChildren(
      picker,
      h('option', { value: '', selected: selected === '' }, et('live')),
      [...list.revisions].reverse().map((r) => h('option', { value: r.id, selected: selected === r.id }, et('revisionOption', { name: r.name, date: shortDate(r.createdAt) }))),
    );
  };

  const renderSummary = (): void => {
    const row = (term: string, ...value: (Node | string)[]): HTMLElement[] => [h('dt', null, term), h('dd', null, ...value)];
    replaceChildren(
      summary,
      row(et('summary.document'), live.title),
      row(et('summary.symbol'), live.symbol),
      row(et('summary.version'), version.revision ? et('summary.revision', { name: version.revision.name, date: shortDate(version.revision.createdAt) }) : et('live')),
      row(et('summary.stage'), h('span', { class: `stage stage-${version.stage}` }, t(`document.stage.${version.stage}`))),
      row(et('summary.clauses'), et('summary.clauseCount', { count: version.clauseCount })),
      // The adopted text's fingerprint where the reader looks first; the full value and how to check it below.
      !version.revision && live.adoption
        ? row(et('integrity.text'), h('code', { class: 'fingerprint-short' }, `${shortHash(live.adoption.fingerprint)} …`), ' ', h('a', { href: '#export-integrity-title' }, et('integrity.title')))
        : [],
    );
    const draft = version.stage !== 'adopted';
    note.className = `export-note ${draft ? 'export-note-draft' : 'export-note-final'}`;
    note.textContent = draft ? et('draftNote') : et('finalNote');
  };

  /** Shows the picked version; a revision's stage and size are read once, as it was frozen. */
  const choose = async (revisionId: string): Promise<void> => {
    const mine = ++pick;
    actions.clear('version');
    let next: Version;
    if (!revisionId) {
      next = { revision: null, stage: live.stage, clauseCount: live.clauses.length };
    } else {
      const revision = list.revisions.find((r) => r.id === revisionId) ?? null;
      if (!revision) return;
      let known = frozen.get(revisionId);
      if (!known) {
        try {
          const doc = await api.get<DocumentView>(`${base}?revision=${encodeURIComponent(revisionId)}`);
          known = { revision, stage: doc.stage, clauseCount: doc.clauses.length };
          frozen.set(revisionId, known);
        } catch (error) {
          if (mine === pick) actions.refuse('version', error);
          return;
        }
      }
      next = known;
    }
    if (mine !== pick) return;
    version = next;
    renderSummary();
  };
  picker.addEventListener('change', () => void choose(picker.value));

  const formats = h(
    'fieldset',
    { class: 'export-formats' },
    h('legend', null, et('formatLegend')),
    EXPORT_FORMATS.map((format, i) =>
      h(
        'div',
        { class: 'export-format' },
        h('input', { type: 'radio', name: 'format', id: `export-format-${format}`, value: format, checked: i === 0, 'aria-describedby': `export-format-${format}-about` }),
        h(
          'label',
          { for: `export-format-${format}` },
          h('span', { class: 'export-format-name' }, et(`formats.${format}.name`)),
          ' ',
          h('span', { class: 'export-format-about', id: `export-format-${format}-about` }, et(`formats.${format}.about`)),
        ),
      ),
    ),
  );

  const run = (format: ExportFormat): Promise<unknown> =>
    actions.run('download', async () => {
      const aborter = (controller = new AbortController());
      status.textContent = '';
      root.setAttribute('aria-busy', 'true');
      const timer = setTimeout(() => {
        progress.hidden = false;
      }, PROGRESS_AFTER_MS);
      try {
        const query = new URLSearchParams({ format });
        if (version.revision) query.set('revision', version.revision.id);
        const file = await fetchExport(`${base}/export?${query}`, aborter.signal, `${documentId}.${format}`);
        saveFile(file.blob, file.name);
        status.textContent = et('downloaded', { name: file.name, size: fileSize(file.blob.size) });
      } catch (error) {
        // Leaving the screen aborts the download: nothing to report.
        if (!aborter.signal.aborted) throw error;
      } finally {
        clearTimeout(timer);
        if (controller === aborter) controller = null;
        progress.hidden = true;
        root.removeAttribute('aria-busy');
      }
    });

  const form = h(
    'form',
    {
      class: 'export-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const checked = formats.querySelector<HTMLInputElement>('input[name="format"]:checked');
        if (checked) void run(checked.value as ExportFormat);
      },
    },
    h('div', { class: 'field' },
      h('label', { for: picker.id }, et('versionLabel')),
      picker,
      h('p', { class: 'hint', id: 'export-version-hint' }, et('versionHint')),
    ),
    formats,
    h('p', { class: 'hint' }, et('namingHint')),
    h('div', { class: 'export-actions' }, download, progress),
    status,
    failure,
  );

  const refusal = h('p', { class: 'form-error', role: 'alert' });
  const renderAllowed = (): void => {
    refreshControls(actions);
    refusal.textContent = allowed() ? '' : errorMessage({ id: 'role_not_allowed' });
  };

  root.append(
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${encodeURIComponent(documentId)}` }, et('back'))),
    h('h1', null, et('heading', { title: live.title })),
    h('section', { class: 'export-what', 'aria-labelledby': 'export-what-title' }, h('h2', { id: 'export-what-title' }, et('summary.title')), summary, note),
    refusal,
    form,
    integrity,
  );
  renderPicker();
  renderSummary();
  renderAllowed();
  renderIntegrity();
  void conferenceKey().then(
    (k) => {
      key = k;
      renderIntegrity();
    },
    (error: unknown) => {
      key = error instanceof Error ? error : new Error(String(error));
      renderIntegrity();
    },
  );

  // The stage can move (adoption) and revisions appear while the screen is open.
  const unfollow = followDocument(documentId);
  const socket = getSocket();
  const onStage = (event: { documentId: string }): void => {
    if (event.documentId !== documentId) return;
    void api.get<DocumentView>(base).then((doc) => {
      live = doc;
      if (!version.revision) version = { revision: null, stage: doc.stage, clauseCount: doc.clauses.length };
      renderSummary();
      renderAllowed();
      renderIntegrity();
    }, () => {});
  };
  const onRevision = (event: { documentId: string }): void => {
    if (event.documentId !== documentId) return;
    void api.get<RevisionListResponse>(`${base}/revisions`).then((next) => {
      list = next;
      renderPicker();
    }, () => {});
  };
  socket.on('document:stage', onStage);
  socket.on('revision:published', onRevision);

  return {
    title: et('title'),
    el: root,
    destroy() {
      controller?.abort();
      socket.off('document:stage', onStage);
      socket.off('revision:published', onRevision);
      unfollow();
    },
  };
}

/** Downloads an export as a Blob with the file name the server gives it. */
async function fetchExport(url: string, signal: AbortSignal, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'network', t('errors.network'));
  }
  if (!res.ok) {
    const body = (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json().catch(() => null)) as ApiErrorBody | null) : null;
    throw new ApiError(res.status, body?.error.id ?? `http_${res.status}`, body?.error.message ?? res.statusText);
  }
  return { blob: await res.blob(), name: fileNameOf(res.headers.get('content-disposition')) ?? fallbackName };
}

/** The name in a Content-Disposition header: `filename*` (RFC 5987) first, then `filename`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // A malformed encoding falls back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name ? name.replace(/\\(.)/g, '$1') : null;
}

/** An error as words: this screen's own ids first, then the common ones. */
function exportError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  const own = id ? (t(`export:errors.${id}`, { defaultValue: '' }) as unknown as string) : '';
  return own || errorMessage(error);
}

function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function fileSize(bytes: number): string {
  const kb = bytes / 1024;
  return kb < 1024
    ? new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(kb)))
    : new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(kb / 1024);
}
