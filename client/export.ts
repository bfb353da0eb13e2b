import './styles/export.css';
import { h } from './dom.js';
import { t } from './i18n/index.js';
import { lazyView, route } from './router.js';
import { extendDocumentView } from './views/DocumentView.js';

/**
 * Export for submission: the export screen as a route, and on every document page a link to it. Who may
 * export what is the server's to decide; the screen explains a refusal.
 */
// The export screen is a chunk of its own, loaded when someone opens it (a document page shows only the link).
route(
  '/documents/:id/export',
  lazyView(
    () => import('./views/ExportView.js'),
    (m, { params }) => m.ExportView(params.id!),
  ),
);

extendDocumentView((page) => {
  const link = h(
    'a',
    { class: 'action-link export-link', href: `/documents/${encodeURIComponent(page.documentId)}/export` },
    t('export:link'),
  );
  page.actions.append(link);
  return () => link.remove();
});
