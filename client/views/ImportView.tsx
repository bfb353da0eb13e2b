import '../styles/drafting.css';
import type { TargetedEvent, TargetedSubmitEvent } from 'preact';
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { ImportPreviewJson } from '../../shared/api/import.js';
import { ROUTES } from '../../shared/api/routes.js';
import { BODY_KINDS, type ClauseKind } from '../../shared/domain/clauses.js';
import { DOCX_MEDIA_TYPE, TEXT_MEDIA_TYPE } from '../../shared/domain/formats.js';
import { Actions } from '../api/actions.js';
import { upload } from '../api/http.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { mountView } from '../components/bridge.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import {
  IMPORT_START,
  importReducer,
  importStatus,
  rowId,
  rowLabels,
  warningText,
  type ImportEvent,
  type ImportRow,
} from './importPreview.js';

/**
 * A Word zero draft, or a pasted text, made into a draft: it is read by the server (a dry run), its structure shown beside
 * what was not carried, the secretariat corrects kinds, title and symbol, and the draft is created from the
 * corrected clauses. Nothing exists until "Create the draft".
 */
export function ImportView(): View {
  return mountView(t('drafting:import.title'), <ImportDraft actions={new Actions()} />);
}

export function ImportDraft({ actions }: { actions: Actions }) {
  const [state, dispatch] = useReducer(importReducer, IMPORT_START);
  /** Sends a Word file or a pasted text for a dry run, and shows what the server read. */
  const read = (name: string, body: Blob): void => {
    dispatch({ type: 'chosen', name });
    void actions.run('read', async () => {
      try {
        const preview = (await upload(ROUTES.importDocument, { query: { dryRun: '1' } }, body)) as ImportPreviewJson;
        dispatch({ type: 'read', preview });
      } catch (error) {
        dispatch({ type: 'failed' });
        throw error;
      }
    });
  };
  const onChange = (e: TargetedEvent<HTMLInputElement>): void => {
    const chosen = e.currentTarget.files?.[0];
    if (!chosen) return;
    read(chosen.name, chosen.type === DOCX_MEDIA_TYPE ? chosen : new Blob([chosen], { type: DOCX_MEDIA_TYPE }));
  };
  const onPaste = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('text'));
    read(t('drafting:import.pastedName'), new Blob([text], { type: `${TEXT_MEDIA_TYPE}; charset=utf-8` }));
  };
  return (
    <section class="import-view">
      <h1>{t('drafting:import.title')}</h1>
      <p class="lead">{t('drafting:import.intro')}</p>
      <label for="import-file">{t('drafting:import.file')}</label>
      <input id="import-file" type="file" accept={`.docx,${DOCX_MEDIA_TYPE}`} onChange={onChange} />
      <form class="import-paste" aria-labelledby="import-paste-heading" onSubmit={onPaste}>
        <h2 id="import-paste-heading">{t('drafting:import.orPaste')}</h2>
        <label for="import-text">{t('drafting:import.pasteLabel')}</label>
        <p id="import-text-hint" class="hint">
          {t('drafting:import.pasteHint')}
        </p>
        <textarea id="import-text" name="text" rows={8} required aria-describedby="import-text-hint" />
        <ActionButton actions={actions} name="read" type="submit" id="import-read-text">
          {t('drafting:import.readPasted')}
        </ActionButton>
      </form>
      {/* What the screen is doing (reading, what it read), and apart from it why an action could not be done. */}
      <p class="import-status" role="status">
        {importStatus(state)}
      </p>
      <ActionError actions={actions} names={['read', 'create']} format={errorMessage} />
      <div class="import-preview">
        {state.preview ? (
          <PreviewForm actions={actions} preview={state.preview} rows={state.rows} dispatch={dispatch} />
        ) : null}
      </div>
    </section>
  );
}

interface PreviewProps {
  actions: Actions;
  preview: ImportPreviewJson;
  rows: ImportRow[];
  dispatch: (event: ImportEvent) => void;
}

/** Title and symbol, the structure beside the warnings, and the button that creates the draft. */
function PreviewForm({ actions, preview, rows, dispatch }: PreviewProps) {
  const title = useRef<HTMLInputElement>(null);
  // A file read: the person goes on from its title.
  useEffect(() => title.current?.focus(), [preview]);
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      title: String(form.get('title')),
      symbol: String(form.get('symbol')),
      clauses: rows.map((r) => ({ kind: r.kind as Exclude<typeof r.kind, 'title'>, text: r.markup })),
    };
    void actions.run('create', async (send) => {
      const created = await send.call(ROUTES.openDraft, { body });
      navigate(`/documents/${encodeURIComponent(created.id)}`);
    });
  };
  return (
    <form class="import-form" onSubmit={onSubmit}>
      <div class="grid-form">
        <label for="import-title">{t('drafting:import.draftTitle')}</label>
        <input ref={title} id="import-title" name="title" required maxLength={300} defaultValue={preview.title} />
        <label for="import-symbol">{t('drafting:import.symbol')}</label>
        <input id="import-symbol" name="symbol" required maxLength={100} defaultValue={preview.symbol ?? ''} />
      </div>
      <div class="import-columns">
        <section aria-labelledby="import-structure-heading">
          <h2 id="import-structure-heading">{t('drafting:import.structure')}</h2>
          <StructureList rows={rows} onKind={(index, kind) => dispatch({ type: 'kind', index, kind })} />
        </section>
        <section class="import-notes" aria-labelledby="import-warnings-heading">
          <h2 id="import-warnings-heading">{t('drafting:import.warnings')}</h2>
          <WarningList preview={preview} />
        </section>
      </div>
      <ActionButton actions={actions} name="create" type="submit" id="import-create" class="primary">
        {t('drafting:import.create')}
      </ActionButton>
    </form>
  );
}

/**
 * The detected structure, one row per clause: its number (kept current as kinds change), a choice of kind and
 * the text as read. A change of kind redraws the numbers in place, so the focus stays.
 */
export function StructureList({
  rows,
  onKind,
}: {
  rows: ImportRow[];
  onKind: (index: number, kind: ClauseKind) => void;
}) {
  const labels = rowLabels(rows);
  return (
    <ol class="import-structure">
      {rows.map((row, i) => (
        <li key={row.index} id={rowId(row.index)} class={`import-row kind-${row.kind}`}>
          <span class="import-number" aria-hidden="true">
            {labels[i]}
          </span>
          <select
            id={`${rowId(row.index)}-kind`}
            aria-label={t('drafting:import.kindOf', { n: i + 1 })}
            value={row.kind}
            onChange={(e) => onKind(row.index, e.currentTarget.value as ClauseKind)}
          >
            {BODY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`drafting:kinds.${k}`)}
              </option>
            ))}
          </select>
          <p class="import-text">{row.text || t('drafting:import.emptyClause')}</p>
        </li>
      ))}
    </ol>
  );
}

/** What the import did not carry, each pointing to its clause. */
export function WarningList({ preview }: { preview: ImportPreviewJson }) {
  if (preview.warnings.length === 0) return <p class="import-clean">{t('drafting:import.noWarnings')}</p>;
  return (
    <ul class="import-warnings">
      {preview.warnings.map((w, i) => (
        <li key={i}>
          {warningText(w)}
          {w.clause !== undefined && preview.clauses[w.clause]?.kind !== 'title' ? (
            <>
              {' '}
              <a href={`#${rowId(w.clause)}`}>{t('drafting:import.goToClause')}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
