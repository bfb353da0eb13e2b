import './styles/negotiation.css';
import './styles/brackets.css';
import { lazyView, route } from './router.js';
import { extendDocumentView } from './views/DocumentView.js';
import { negotiationParts } from './components/negotiationOnPage.js';

/**
 * Negotiation around the text: comments and amendments beside each clause, the status summary bar, the
 * compilation of amendments, the list of open brackets, revisions with their comparison and who wrote what.
 */
// Each screen is a chunk of its own, loaded on its first visit: the document page shows none of them.
route(
  '/documents/:id/compilation',
  lazyView(
    () => import('./views/CompilationView.js'),
    (m, { params }) => m.CompilationView(params.id!),
  ),
);
route(
  '/documents/:id/brackets',
  lazyView(
    () => import('./views/BracketsView.js'),
    (m, { params }) => m.BracketsView(params.id!),
  ),
);
route(
  '/documents/:id/revisions',
  lazyView(
    () => import('./views/RevisionsView.js'),
    (m, { params, query }) => m.RevisionsView(params.id!, query),
  ),
);
extendDocumentView(negotiationParts);
