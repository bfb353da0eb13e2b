import type { DocumentView } from '../../shared/api/documents.js';
import type { AttributionResponse, RevisionDiffResponse, RevisionListResponse, RevisionView } from '../../shared/api/revisions.js';
import { can } from '../../shared/domain/permissions.js';
import { api } from '../api/http.js';
import { followDocument, getSocket } from '../api/socket.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { Attribution } from '../components/Attribution.js';
import { negotiationError, nt, renderDiff, statusLine, when } from '../components/negotiationKit.js';
import { Actions } from '../api/actions.js';
import { actionError, bindAction } from '../components/actionControls.js';

/**
 * Revisions of a document: the published list (each readable as it was frozen), publishing the next one
 * (secretariat), comparing any two or one with the live text clause by clause, and who wrote what in a
 * clause since a chosen revision.
 */
export async function RevisionsView(documentId: string, query: URLSearchParams): Promise<View> {
  const base = `/api/documents/${encodeURIComponent(documentId)}`;
  const user = currentUser()!;
  const root = h('div', { class: 'revisions-page' });
  const listBox = h('section', { 'aria-labelledby': 'revisions-list-title' });
  const reading = h('section', { class: 'frozen-text', 'aria-live': 'polite' });
  const compareBox = h('section', { class: 'compare', 'aria-labelledby': 'compare-title' });
  const attributionBox = h('section', { id: 'attribution', class: 'who-wrote-what', 'aria-labelledby': 'attribution-title' });
  let live = await api.get<DocumentView>(base);
  let list = await api.get<RevisionListResponse>(`${base}/revisions`);
  const actions = new Actions();
  /** The name the secretariat is typing for the next revision, kept when the list is drawn again. */
  let typedName: string | null = null;

  /** The confirmation of the last publication, shown once in the list drawn after it. */
  let flash = '';
  const renderList = (): void => {
    const status = statusLine();
    if (flash) status.ok(flash);
    flash = '';
    const name = h('input', { id: 'revision-name', value: typedName ?? list.suggestedName, maxLength: 80, required: true, oninput: () => (typedName = name.value) });
    const publish = bindAction(actions, 'publish', h('button', { type: 'submit', id: 'revision-publish', class: 'primary' }, nt('revisions.publish')));
    const parts: (HTMLElement | null)[] = [
      h('h2', { id: 'revisions-list-title' }, nt('revisions.published')),
      list.revisions.length
        ? h(
            'table',
            { class: 'data revisions-table' },
            h('thead', null, h('tr', null, ['name', 'date', 'by', 'clauses', 'read'].map((c) => h('th', { scope: 'col' }, nt(`revisions.col.${c}`))))),
            h('tbody', null, list.revisions.map((r) => revisionRow(r))),
          )
        : h('p', { class: 'hint' }, nt('revisions.none')),
      can(user, 'revision.create', { stage: live.stage })
        ? h(
            'form',
            {
              class: 'inline-form publish-form',
              onsubmit: (e: Event) => {
                e.preventDefault();
                const wanted = name.value;
                void actions.run('publish', async (send) => {
                  const created = await send.post<{ id: string; name: string }>(`${base}/revisions`, { name: wanted });
                  typedName = null;
                  await reload().catch(() => {});
                  flash = nt('revisions.publishedOk', { name: created.name });
                  renderList();
                });
              },
            },
            h('label', { for: name.id }, nt('revisions.nameLabel')),
            name,
            publish,
            status.el,
            actionError(actions, 'publish', negotiationError),
          )
        : null,
    ];
    listBox.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  };

  const revisionRow = (r: RevisionView): HTMLElement =>
    h(
      'tr',
      { 'data-revision-id': r.id },
      h('th', { scope: 'row' }, r.name),
      h('td', null, h('time', { datetime: r.createdAt }, when(r.createdAt))),
      h('td', null, r.createdBy ?? '—'),
      h('td', null, String(r.clauseCount)),
      h('td', null, h('button', { type: 'button', class: 'small', onclick: () => void read(r) }, nt('revisions.read', { name: r.name }))),
    );

  const read = async (r: RevisionView): Promise<void> => {
    const doc = await api.get<DocumentView>(`${base}?revision=${encodeURIComponent(r.id)}&include=content`);
    reading.replaceChildren(
      h('h2', { tabindex: '-1', id: 'frozen-title' }, nt('revisions.frozenTitle', { name: r.name })),
      h(
        'ol',
        { class: 'frozen-clauses declaration' },
        doc.clauses.map((c) => h('li', { 'data-clause-id': c.id }, h('span', { class: 'compiled-ref' }, c.ref), renderClauseContent(c.content, c.text))),
      ),
      h('button', { type: 'button', class: 'link', onclick: () => reading.replaceChildren() }, t('common.close')),
    );
    document.getElementById('frozen-title')?.focus();
  };

  const renderCompare = (): void => {
    const options = (withLive: boolean, selected: string | null): HTMLElement[] => [
      ...list.revisions.map((r) => h('option', { value: r.id, selected: r.id === selected }, r.name)),
      ...(withLive ? [h('option', { value: 'live', selected: selected === 'live' }, nt('revisions.live'))] : []),
    ];
    const last = list.revisions[list.revisions.length - 1]?.id ?? null;
    const from = h('select', { id: 'compare-from' }, options(false, query.get('from') ?? list.revisions[list.revisions.length - 2]?.id ?? last));
    const to = h('select', { id: 'compare-to' }, options(true, query.get('to') ?? 'live'));
    const result = h('div', { class: 'compare-result', 'aria-live': 'polite' });
    const go = bindAction(actions, 'compare', h('button', { type: 'submit', id: 'compare-go', class: 'primary' }, nt('revisions.compare')));
    compareBox.replaceChildren(
      h('h2', { id: 'compare-title' }, nt('revisions.compareTitle')),
      list.revisions.length
        ? h(
            'form',
            {
              class: 'inline-form',
              onsubmit: (e: Event) => {
                e.preventDefault();
                void actions.run('compare', async () => {
                  const diff = await api.get<RevisionDiffResponse>(`${base}/revisions/diff?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`);
                  result.replaceChildren(renderComparison(diff));
                });
              },
            },
            h('label', { for: from.id }, nt('revisions.from')),
            from,
            h('label', { for: to.id }, nt('revisions.to')),
            to,
            go,
            actionError(actions, 'compare', negotiationError),
          )
        : h('p', { class: 'hint' }, nt('revisions.compareNeedsOne')),
      result,
    );
  };

  const renderAttribution = (): void => {
    const clauses = live.clauses.filter((c) => c.kind !== 'heading');
    const wanted = query.get('clause');
    const clause = h('select', { id: 'attribution-clause' }, clauses.map((c) => h('option', { value: c.id, selected: c.id === wanted }, c.ref)));
    const since = h(
      'select',
      { id: 'attribution-since' },
      h('option', { value: '' }, nt('attribution.sinceStart')),
      list.revisions.map((r) => h('option', { value: r.id }, r.name)),
    );
    const result = h('div', { class: 'attribution-result', 'aria-live': 'polite' });
    const show = bindAction(actions, 'attribution', h('button', { type: 'submit', id: 'attribution-show', class: 'primary' }, nt('attribution.show')));
    const load = (): Promise<unknown> =>
      actions.run('attribution', async () => {
        const q = since.value ? `?since=${encodeURIComponent(since.value)}` : '';
        const data = await api.get<AttributionResponse>(`${base}/clauses/${encodeURIComponent(clause.value)}/attribution${q}`);
        result.replaceChildren(Attribution(data));
      });
    attributionBox.replaceChildren(
      h('h2', { id: 'attribution-title' }, nt('attribution.title')),
      h(
        'form',
        {
          class: 'inline-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void load();
          },
        },
        h('label', { for: clause.id }, nt('attribution.clause')),
        clause,
        h('label', { for: since.id }, nt('attribution.since')),
        since,
        show,
        actionError(actions, 'attribution', negotiationError),
      ),
      result,
    );
    if (wanted) void load();
  };

  const reload = async (): Promise<void> => {
    [live, list] = await Promise.all([api.get<DocumentView>(base), api.get<RevisionListResponse>(`${base}/revisions`)]);
    renderList();
    renderCompare();
  };

  renderList();
  renderCompare();
  renderAttribution();
  root.append(
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${encodeURIComponent(documentId)}` }, nt('compilation.back'))),
    h('h1', null, nt('revisions.heading', { title: live.title })),
    listBox,
    reading,
    compareBox,
    attributionBox,
  );

  const unfollow = followDocument(documentId);
  const socket = getSocket();
  const onPublished = (e: { documentId: string }): void => {
    if (e.documentId === documentId) void reload().catch(() => {});
  };
  socket.on('revision:published', onPublished);
  return {
    title: nt('revisions.title'),
    el: root,
    destroy() {
      socket.off('revision:published', onPublished);
      unfollow();
    },
  };
}

/** The comparison, clause by clause in the newer order, unchanged clauses folded away. */
function renderComparison(diff: RevisionDiffResponse): HTMLElement {
  const changed = diff.clauses.filter((c) => c.change !== 'unchanged' || c.statusChanged);
  const counts = (['changed', 'moved', 'added', 'deleted', 'unchanged'] as const).map((k) =>
    h('li', { class: `change-count change-${k}` }, h('span', { class: 'count' }, String(diff.counts[k])), ' ', nt(`revisions.change.${k}`)),
  );
  return h(
    'div',
    null,
    h('p', null, nt('revisions.comparing', { from: diff.from.name === 'live' ? nt('revisions.live') : diff.from.name, to: diff.to.name === 'live' ? nt('revisions.live') : diff.to.name })),
    h('ul', { class: 'change-counts' }, counts),
    changed.length
      ? h(
          'ol',
          { class: 'clause-diffs' },
          changed.map((c) =>
            h(
              'li',
              { class: `clause-diff change-${c.change}`, 'data-clause-id': c.id, 'data-change': c.change },
              h(
                'p',
                { class: 'clause-diff-head' },
                h('span', { class: `badge change-${c.change}` }, nt(`revisions.change.${c.change}`)),
                ' ',
                c.from && c.to && c.from.ref !== c.to.ref ? `${c.from.ref} → ${c.to.ref}` : (c.to ?? c.from)!.ref,
                c.change === 'moved' && c.textChanged ? [' · ', nt('revisions.alsoChanged')] : null,
                c.statusChanged ? [' · ', nt('revisions.statusChanged', { from: t(`document.status.${c.from!.status}`), to: t(`document.status.${c.to!.status}`) })] : null,
              ),
              c.change === 'unchanged' || (c.change === 'moved' && !c.textChanged) ? null : renderDiff(c.diff),
            ),
          ),
        )
      : h('p', null, nt('revisions.identical')),
  );
}
