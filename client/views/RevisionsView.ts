import type { RevisionDiffResponse } from '../../shared/api/revisions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { nt, renderDiff } from '../components/negotiationKit.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import {
  AttributionPanel,
  ComparePanel,
  FrozenReading,
  RevisionList,
  type RevisionsContext,
  type RevisionsState,
} from './revisionPanels.js';

/**
 * Revisions of a document: the published list (each readable as it was frozen), publishing the next one
 * (secretariat), comparing any two or one with the live text clause by clause, and who wrote what in a
 * clause since a chosen revision.
 */
export async function RevisionsView(documentId: string, query: URLSearchParams): Promise<View> {
  const params = { id: documentId };
  const state: RevisionsState = {
    live: await call(ROUTES.document, { params }),
    list: await call(ROUTES.revisions, { params }),
  };
  const ctx: RevisionsContext = { documentId, user: currentUser()!, actions: new Actions(), query, state: () => state };
  const reading = FrozenReading(ctx);
  const reload = async (): Promise<void> => {
    [state.live, state.list] = await Promise.all([
      call(ROUTES.document, { params }),
      call(ROUTES.revisions, { params }),
    ]);
    list.update();
    compare.update();
  };
  const list = RevisionList(ctx, reading.read, reload);
  const compare = ComparePanel(ctx, renderComparison);
  list.update();
  compare.update();
  const root = h(
    'div',
    { class: 'revisions-page' },
    h(
      'p',
      { class: 'breadcrumbs' },
      h('a', { href: `/documents/${encodeURIComponent(documentId)}` }, nt('compilation.back')),
    ),
    h('h1', null, nt('revisions.heading', { title: state.live.title })),
    list.el,
    reading.el,
    compare.el,
    AttributionPanel(ctx),
  );
  const unfollow = followDocumentEvents(documentId, { 'revision:published': () => void reload().catch(() => {}) });
  return { title: nt('revisions.title'), el: root, destroy: unfollow };
}

/** The comparison, clause by clause in the newer order, unchanged clauses folded away. */
function renderComparison(diff: RevisionDiffResponse): HTMLElement {
  const changed = diff.clauses.filter((c) => c.change !== 'unchanged' || c.statusChanged);
  const counts = (['changed', 'moved', 'added', 'deleted', 'unchanged'] as const).map((k) =>
    h(
      'li',
      { class: `change-count change-${k}` },
      h('span', { class: 'count' }, String(diff.counts[k])),
      ' ',
      nt(`revisions.change.${k}`),
    ),
  );
  return h(
    'div',
    null,
    h(
      'p',
      null,
      nt('revisions.comparing', {
        from: diff.from.name === 'live' ? nt('revisions.live') : diff.from.name,
        to: diff.to.name === 'live' ? nt('revisions.live') : diff.to.name,
      }),
    ),
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
                c.statusChanged
                  ? [
                      ' · ',
                      nt('revisions.statusChanged', {
                        from: t(`document.status.${c.from!.status}`),
                        to: t(`document.status.${c.to!.status}`),
                      }),
                    ]
                  : null,
              ),
              c.change === 'unchanged' || (c.change === 'moved' && !c.textChanged) ? null : renderDiff(c.diff),
            ),
          ),
        )
      : h('p', null, nt('revisions.identical')),
  );
}
