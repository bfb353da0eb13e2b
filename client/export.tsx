import './styles/export.css';
import { t } from './i18n/index.js';
import { lazyView, route } from './router.js';
import { extendDocumentView, type DocumentPageProps } from './views/DocumentView.js';

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

/** In the document page's header, the way to the export screen. */
export function ExportLink({ page }: { page: DocumentPageProps }) {
  return (
    <a class="action-link export-link" href={`/documents/${encodeURIComponent(page.documentId)}/export`}>
      {t('export:link')}
    </a>
  );
}

extendDocumentView({ actions: ExportLink });
