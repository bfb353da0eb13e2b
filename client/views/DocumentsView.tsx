import type { TargetedSubmitEvent } from 'preact';
import type { DocumentSummary } from '../../shared/api/documents.js';
import { DRAFT_TEMPLATES, type DraftTemplate } from '../../shared/domain/documentRules.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { ActionButton, ActionError, useActions } from '../components/actionHooks.js';
import { mountView } from '../components/bridge.js';
import { Chip, EmptyState } from '../components/system.js';
import type { ChipTone } from '../components/ui.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import { currentUser } from '../session.js';

/** A stage's chip: the text adopted in green, at adoption amber, before that the accent. */
const STAGE_TONE: Record<DocumentSummary['stage'], ChipTone> = {
  drafting: 'accent',
  negotiation: 'accent',
  adoption: 'warn',
  adopted: 'ok',
};

/** The conference's documents; the secretariat also opens new drafts here. */
export async function DocumentsView(): Promise<View> {
  const { documents } = await call(ROUTES.listDocuments);
  const user = currentUser();
  const mayDraft = !!user && can(user, 'document.create', { stage: 'drafting' });
  return mountView(
    t('documents.title'),
    <Documents documents={documents} mayDraft={mayDraft} actions={new Actions()} />,
  );
}

export function Documents(props: { documents: readonly DocumentSummary[]; mayDraft: boolean; actions: Actions }) {
  return (
    <section>
      <h1>{t('documents.title')}</h1>
      {props.documents.length ? (
        <DocumentList documents={props.documents} />
      ) : (
        <EmptyState message={t('documents.empty')} />
      )}
      {props.mayDraft ? <NewDraft actions={props.actions} /> : null}
    </section>
  );
}

function DocumentList({ documents }: { documents: readonly DocumentSummary[] }) {
  return (
    <ul class="document-list">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/documents/${encodeURIComponent(d.id)}`} class="document-link">
            <span class="doc-title">{d.title}</span>
          </a>
          <span class="meta">
            {`${d.symbol} · `}
            <Chip tone={STAGE_TONE[d.stage]} class={`stage-${d.stage}`}>
              {t(`document.stage.${d.stage}`)}
            </Chip>
            {` · ${t('documents.clauses', { count: d.clauseCount })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Title, symbol and template of a new draft; once opened, the drafting view of it. */
function NewDraft({ actions }: { actions: Actions }) {
  const { busy } = useActions(actions, 'draft');
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      title: String(form.get('title')),
      symbol: String(form.get('symbol')),
      template: String(form.get('template')) as DraftTemplate,
    };
    void actions.run('draft', async (send) => {
      const created = await send.call(ROUTES.openDraft, { body });
      navigate(`/documents/${encodeURIComponent(created.id)}`);
    });
  };
  return (
    <section class="new-draft">
      <h2 id="new-draft-heading">{t('documents.newDraft')}</h2>
      <form class="grid-form" aria-labelledby="new-draft-heading" onSubmit={onSubmit}>
        <label for="draft-title">{t('documents.draftTitle')}</label>
        <input id="draft-title" name="title" required maxLength={300} />
        <label for="draft-symbol">{t('documents.symbol')}</label>
        <input id="draft-symbol" name="symbol" required maxLength={100} placeholder="WIC/2027/L.1" class="short" />
        <label for="draft-template">{t('drafting:templates.label')}</label>
        <select id="draft-template" name="template">
          {DRAFT_TEMPLATES.map((k) => (
            <option key={k} value={k}>
              {t(`drafting:templates.${k}`)}
            </option>
          ))}
        </select>
        <span />
        <ActionButton actions={actions} name="draft" type="submit" id="draft-submit">
          {t('documents.open')}
        </ActionButton>
      </form>
      {/* One line says what the form is doing: opening, or why it could not. */}
      <ActionError actions={actions} names="draft" format={errorMessage} role="status" class="status-line">
        {busy ? t('documents.opening') : undefined}
      </ActionError>
      <p>
        <a href="/drafts/import" id="import-link">
          {t('drafting:import.link')}
        </a>
      </p>
    </section>
  );
}
