import type { DocumentJson } from '../../shared/api/documents.js';
import { dateTime } from '../i18n/dates.js';
import type { RevisionDiffResponse, RevisionListResponse, RevisionJson } from '../../shared/api/revisions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { Attribution } from '../components/Attribution.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { negotiationError, nt, statusLine } from '../components/negotiationKit.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';

/** What the revisions page knows: the live document and the published revisions. */
export interface RevisionsState {
  live: DocumentJson;
  list: RevisionListResponse;
}

/** What the revisions page's panels share. */
export interface RevisionsContext {
  documentId: string;
  user: SessionUser;
  actions: Actions;
  query: URLSearchParams;
  state(): RevisionsState;
}

/** A frozen revision read in full, clause by clause, with a button that closes it. */
export function FrozenReading(ctx: RevisionsContext): { el: HTMLElement; read(r: RevisionJson): Promise<void> } {
  const el = h('section', { class: 'frozen-text', 'aria-live': 'polite' });
  const read = async (r: RevisionJson): Promise<void> => {
    const doc = await call(ROUTES.document, {
      params: { id: ctx.documentId },
      query: { revision: r.id, include: 'content' },
    });
    el.replaceChildren(
      h('h2', { tabindex: '-1', id: 'frozen-title' }, nt('revisions.frozenTitle', { name: r.name })),
      h(
        'ol',
        { class: 'frozen-clauses declaration' },
        doc.clauses.map((c) =>
          h(
            'li',
            { 'data-clause-id': c.id },
            h('span', { class: 'compiled-ref' }, c.ref),
            renderClauseContent(c.content, c.text),
          ),
        ),
      ),
      h('button', { type: 'button', class: 'link', onclick: () => el.replaceChildren() }, t('common.close')),
    );
    document.getElementById('frozen-title')?.focus();
  };
  return { el, read };
}

function revisionRow(r: RevisionJson, read: (r: RevisionJson) => Promise<void>): HTMLElement {
  return h(
    'tr',
    { 'data-revision-id': r.id },
    h('th', { scope: 'row' }, r.name),
    h('td', null, h('time', { datetime: r.createdAt }, dateTime(r.createdAt))),
    h('td', null, r.createdByName ?? r.createdBy ?? '—'),
    h('td', null, String(r.clauseCount)),
    h(
      'td',
      null,
      h(
        'button',
        { type: 'button', class: 'small', onclick: () => void read(r) },
        nt('revisions.read', { name: r.name }),
      ),
    ),
  );
}

function revisionTable(list: RevisionListResponse, read: (r: RevisionJson) => Promise<void>): HTMLElement {
  if (!list.revisions.length) return h('p', { class: 'hint' }, nt('revisions.none'));
  return h(
    'table',
    { class: 'data revisions-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['name', 'date', 'by', 'clauses', 'read'].map((c) => h('th', { scope: 'col' }, nt(`revisions.col.${c}`))),
      ),
    ),
    h(
      'tbody',
      null,
      list.revisions.map((r) => revisionRow(r, read)),
    ),
  );
}

/**
 * The published revisions, each readable, and for the secretariat the form that publishes the next one. The
 * name being typed is kept when the list is drawn again; `published` reads the page again after a publication.
 */
export function RevisionList(
  ctx: RevisionsContext,
  read: (r: RevisionJson) => Promise<void>,
  published: () => Promise<void>,
): { el: HTMLElement; update(): void } {
  const el = h('section', { 'aria-labelledby': 'revisions-list-title' });
  let typedName: string | null = null;
  /** The confirmation of the last publication, shown once in the list drawn after it. */
  let flash = '';
  const publishForm = (): HTMLElement => {
    const status = statusLine();
    if (flash) status.ok(flash);
    flash = '';
    const name = h('input', {
      id: 'revision-name',
      value: typedName ?? ctx.state().list.suggestedName,
      maxLength: 80,
      required: true,
      oninput: () => (typedName = name.value),
    });
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      const wanted = name.value;
      void ctx.actions.run('publish', async (send) => {
        const created = await send.call(ROUTES.publishRevision, {
          params: { id: ctx.documentId },
          body: { name: wanted },
        });
        typedName = null;
        await published().catch(() => {});
        flash = nt('revisions.publishedOk', { name: created.name });
        update();
      });
    };
    const publish = bindAction(
      ctx.actions,
      'publish',
      h('button', { type: 'submit', id: 'revision-publish', class: 'primary' }, nt('revisions.publish')),
    );
    return h(
      'form',
      { class: 'inline-form publish-form', onsubmit },
      h('label', { for: name.id }, nt('revisions.nameLabel')),
      name,
      publish,
      status.el,
      actionError(ctx.actions, 'publish', negotiationError),
    );
  };
  const update = (): void => {
    const { live, list } = ctx.state();
    const form = can(ctx.user, 'revision.create', { stage: live.stage }) ? publishForm() : null;
    el.replaceChildren(
      ...[h('h2', { id: 'revisions-list-title' }, nt('revisions.published')), revisionTable(list, read), form].filter(
        (p): p is HTMLElement => p !== null,
      ),
    );
  };
  return { el, update };
}

/** Any two revisions, or one and the live text, compared clause by clause. */
export function ComparePanel(
  ctx: RevisionsContext,
  renderComparison: (diff: RevisionDiffResponse) => HTMLElement,
): { el: HTMLElement; update(): void } {
  const el = h('section', { class: 'compare', 'aria-labelledby': 'compare-title' });
  const update = (): void => {
    const { list } = ctx.state();
    const options = (withLive: boolean, selected: string | null): HTMLElement[] => [
      ...list.revisions.map((r) => h('option', { value: r.id, selected: r.id === selected }, r.name)),
      ...(withLive ? [h('option', { value: 'live', selected: selected === 'live' }, nt('revisions.live'))] : []),
    ];
    const last = list.revisions[list.revisions.length - 1]?.id ?? null;
    const from = h(
      'select',
      { id: 'compare-from' },
      options(false, ctx.query.get('from') ?? list.revisions[list.revisions.length - 2]?.id ?? last),
    );
    const to = h('select', { id: 'compare-to' }, options(true, ctx.query.get('to') ?? 'live'));
    const result = h('div', { class: 'compare-result', 'aria-live': 'polite' });
    const go = bindAction(
      ctx.actions,
      'compare',
      h('button', { type: 'submit', id: 'compare-go', class: 'primary' }, nt('revisions.compare')),
    );
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      void ctx.actions.run('compare', async () => {
        const diff = await call(ROUTES.revisionDiff, {
          params: { id: ctx.documentId },
          query: { from: from.value, to: to.value },
        });
        result.replaceChildren(renderComparison(diff));
      });
    };
    el.replaceChildren(
      h('h2', { id: 'compare-title' }, nt('revisions.compareTitle')),
      list.revisions.length
        ? h(
            'form',
            { class: 'inline-form', onsubmit },
            h('label', { for: from.id }, nt('revisions.from')),
            from,
            h('label', { for: to.id }, nt('revisions.to')),
            to,
            go,
            actionError(ctx.actions, 'compare', negotiationError),
          )
        : h('p', { class: 'hint' }, nt('revisions.compareNeedsOne')),
      result,
    );
  };
  return { el, update };
}

/** Who wrote what in a clause since a chosen revision (or since the start). */
export function AttributionPanel(ctx: RevisionsContext): HTMLElement {
  const el = h('section', { id: 'attribution', class: 'who-wrote-what', 'aria-labelledby': 'attribution-title' });
  const { live, list } = ctx.state();
  const clauses = live.clauses.filter((c) => c.kind !== 'heading');
  const wanted = ctx.query.get('clause');
  const clause = h(
    'select',
    { id: 'attribution-clause' },
    clauses.map((c) => h('option', { value: c.id, selected: c.id === wanted }, c.ref)),
  );
  const since = h(
    'select',
    { id: 'attribution-since' },
    h('option', { value: '' }, nt('attribution.sinceStart')),
    list.revisions.map((r) => h('option', { value: r.id }, r.name)),
  );
  const result = h('div', { class: 'attribution-result', 'aria-live': 'polite' });
  const show = bindAction(
    ctx.actions,
    'attribution',
    h('button', { type: 'submit', id: 'attribution-show', class: 'primary' }, nt('attribution.show')),
  );
  const load = (): Promise<unknown> =>
    ctx.actions.run('attribution', async () => {
      const query = since.value ? { since: since.value } : {};
      const data = await call(ROUTES.attribution, { params: { id: ctx.documentId, clauseId: clause.value }, query });
      result.replaceChildren(Attribution(data));
    });
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    void load();
  };
  el.replaceChildren(
    h('h2', { id: 'attribution-title' }, nt('attribution.title')),
    h(
      'form',
      { class: 'inline-form', onsubmit },
      h('label', { for: clause.id }, nt('attribution.clause')),
      clause,
      h('label', { for: since.id }, nt('attribution.since')),
      since,
      show,
      actionError(ctx.actions, 'attribution', negotiationError),
    ),
    result,
  );
  if (wanted) void load();
  return el;
}
