import type { DocumentSummary } from '../../shared/api/documents.js';
import { api } from '../api/http.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';

/** The conference's documents. */
export async function DocumentsView(): Promise<View> {
  const { documents } = await api.get<{ documents: DocumentSummary[] }>('/api/documents');
  const list = documents.length
    ? h(
        'ul',
        { class: 'document-list' },
        documents.map((d) =>
          h(
            'li',
            null,
            h('a', { href: `/documents/${encodeURIComponent(d.id)}`, class: 'document-link' }, h('span', { class: 'doc-title' }, d.title)),
            h('span', { class: 'meta' }, `${d.symbol} · `, h('span', { class: `stage stage-${d.stage}` }, t(`document.stage.${d.stage}`)), ` · ${t('documents.clauses', { count: d.clauseCount })}`),
          ),
        ),
      )
    : h('p', null, t('documents.empty'));
  return { title: t('documents.title'), el: h('section', null, h('h1', null, t('documents.title')), list) };
}
