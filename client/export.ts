import './styles/export.css';
import { h } from './dom.js';
import { t } from './i18n/index.js';
import { route } from './router.js';
import { extendDocumentView } from './views/DocumentView.js';
import { ExportView } from './views/ExportView.js';

/**
 * Export for submission: the export screen as a route, and on every document page a link to it. Who may
 * export what is the server's to decide; the screen explains a refusal.
 */
route('/documents/:id/export', ({ params }) => ExportView(params.id!));

extendDocumentView((page) => {
  const link = h(
    'a',
    { class: 'action-link export-link', href: `/documents/${encodeURIComponent(page.documentId)}/export` },
    t('export:link'),
  );
  page.actions.append(link);
  return () => link.remove();
});
