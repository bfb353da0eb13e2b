import '../styles/drafting.css';
import type { ImportPreviewJson } from '../../shared/api/import.js';
import { DOCX_MEDIA_TYPE } from '../../shared/domain/formats.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { upload } from '../api/http.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h, replaceChildren } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import { rowsOf, structureList, warningList, type ImportRow } from './importPreview.js';

/**
 * A Word zero draft made into a draft: the file is read by the server (a dry run), its structure shown beside
 * what was not carried, the secretariat corrects kinds, title and symbol, and the draft is created from the
 * corrected clauses. Nothing exists until "Create the draft".
 */
export function ImportView(): View {
  const actions = new Actions();
  // What the screen is doing (reading, what it read), and apart from it why an action could not be done.
  const status = h('p', { class: 'import-status', role: 'status' });
  const error = actionError(actions, ['read', 'create'], errorMessage);
  const preview = h('div', { class: 'import-preview' });
  const file = h('input', {
    id: 'import-file',
    type: 'file',
    accept: `.docx,${DOCX_MEDIA_TYPE}`,
    onchange: () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      replaceChildren(preview);
      void actions.run('read', async () => {
        status.textContent = t('drafting:import.reading', { name: chosen.name });
        error.textContent = '';
        const body = chosen.type === DOCX_MEDIA_TYPE ? chosen : new Blob([chosen], { type: DOCX_MEDIA_TYPE });
        const read = (await upload(ROUTES.importDocument, { query: { dryRun: '1' } }, body).catch((e: unknown) => {
          status.textContent = '';
          throw e;
        })) as ImportPreviewJson;
        status.textContent = t('drafting:import.read', { count: read.clauses.length, warnings: read.warnings.length });
        replaceChildren(preview, previewForm(actions, read));
        preview.querySelector<HTMLElement>('#import-title')?.focus();
      });
    },
  });
  const el = h(
    'section',
    { class: 'import-view' },
    h('h1', null, t('drafting:import.title')),
    h('p', { class: 'lead' }, t('drafting:import.intro')),
    h('label', { for: 'import-file' }, t('drafting:import.file')),
    file,
    status,
    error,
    preview,
  );
  return { title: t('drafting:import.title'), el };
}

/** Title and symbol, the structure beside the warnings, and the button that creates the draft. */
function previewForm(actions: Actions, read: ImportPreviewJson): HTMLElement {
  const rows: ImportRow[] = rowsOf(read);
  const title = h('input', { id: 'import-title', required: true, maxlength: 300, value: read.title });
  const symbol = h('input', { id: 'import-symbol', required: true, maxlength: 100, value: read.symbol ?? '' });
  const create = bindAction(
    actions,
    'create',
    h('button', { type: 'submit', id: 'import-create', class: 'primary' }, t('drafting:import.create')),
  );
  return h(
    'form',
    {
      class: 'import-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const body = {
          title: title.value,
          symbol: symbol.value,
          clauses: rows.map((r) => ({ kind: r.kind as Exclude<typeof r.kind, 'title'>, text: r.markup })),
        };
        void actions.run('create', async (send) => {
          const created = await send.call(ROUTES.openDraft, { body });
          navigate(`/documents/${encodeURIComponent(created.id)}`);
        });
      },
    },
    h(
      'div',
      { class: 'grid-form' },
      h('label', { for: 'import-title' }, t('drafting:import.draftTitle')),
      title,
      h('label', { for: 'import-symbol' }, t('drafting:import.symbol')),
      symbol,
    ),
    h(
      'div',
      { class: 'import-columns' },
      h(
        'section',
        { 'aria-labelledby': 'import-structure-heading' },
        h('h2', { id: 'import-structure-heading' }, t('drafting:import.structure')),
        structureList(rows),
      ),
      h(
        'section',
        { class: 'import-notes', 'aria-labelledby': 'import-warnings-heading' },
        h('h2', { id: 'import-warnings-heading' }, t('drafting:import.warnings')),
        warningList(read),
      ),
    ),
    create,
  );
}
