import { DRAFT_TEMPLATES, type DraftTemplate } from '../../shared/domain/documentRules.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { chip, emptyState, type ChipTone } from '../components/ui.js';
import { h } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import { currentUser } from '../session.js';

/** A stage's chip: the text adopted in green, at adoption amber, before that the accent. */
const STAGE_TONE: Record<'drafting' | 'negotiation' | 'adoption' | 'adopted', ChipTone> = {
  drafting: 'accent',
  negotiation: 'accent',
  adoption: 'warn',
  adopted: 'ok',
};

/** The conference's documents; the secretariat also opens new drafts here. */
export async function DocumentsView(): Promise<View> {
  const { documents } = await call(ROUTES.listDocuments);
  const list = documents.length
    ? h(
        'ul',
        { class: 'document-list' },
        documents.map((d) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: `/documents/${encodeURIComponent(d.id)}`, class: 'document-link' },
              h('span', { class: 'doc-title' }, d.title),
            ),
            h(
              'span',
              { class: 'meta' },
              `${d.symbol} · `,
              chip(STAGE_TONE[d.stage], t(`document.stage.${d.stage}`), { class: `stage-${d.stage}` }),
              ` · ${t('documents.clauses', { count: d.clauseCount })}`,
            ),
          ),
        ),
      )
    : emptyState(t('documents.empty'));
  const user = currentUser();
  const draftForm = user && can(user, 'document.create', { stage: 'drafting' }) ? newDraftForm() : null;
  return { title: t('documents.title'), el: h('section', null, h('h1', null, t('documents.title')), list, draftForm) };
}

/** Title and symbol of a new draft; once opened, the drafting view of it. */
function newDraftForm(): HTMLElement {
  const actions = new Actions();
  const title = h('input', { id: 'draft-title', required: true, maxlength: 300 });
  const symbol = h('input', {
    id: 'draft-symbol',
    required: true,
    maxlength: 100,
    placeholder: 'WIC/2027/L.1',
    class: 'short',
  });
  const template = h(
    'select',
    { id: 'draft-template' },
    DRAFT_TEMPLATES.map((k) => h('option', { value: k }, t(`drafting:templates.${k}`))),
  );
  // One line says what the form is doing: opening, or why it could not.
  const status = actionError(actions, 'draft', errorMessage, { role: 'status', className: 'status-line' });
  const submit = bindAction(actions, 'draft', h('button', { type: 'submit', id: 'draft-submit' }, t('documents.open')));
  const form = h(
    'form',
    {
      class: 'grid-form',
      'aria-labelledby': 'new-draft-heading',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const body = { title: title.value, symbol: symbol.value, template: template.value as DraftTemplate };
        void actions.run('draft', async (send) => {
          status.textContent = t('documents.opening');
          const created = await send.call(ROUTES.openDraft, { body });
          navigate(`/documents/${encodeURIComponent(created.id)}`);
        });
      },
    },
    h('label', { for: 'draft-title' }, t('documents.draftTitle')),
    title,
    h('label', { for: 'draft-symbol' }, t('documents.symbol')),
    symbol,
    h('label', { for: 'draft-template' }, t('drafting:templates.label')),
    template,
    h('span'),
    submit,
  );
  return h(
    'section',
    { class: 'new-draft' },
    h('h2', { id: 'new-draft-heading' }, t('documents.newDraft')),
    form,
    status,
    h('p', null, h('a', { href: '/drafts/import', id: 'import-link' }, t('drafting:import.link'))),
  );
}
