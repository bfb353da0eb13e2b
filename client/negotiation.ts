import './styles/negotiation.css';
import './styles/brackets.css';
import { route } from './router.js';
import { extendDocumentView } from './views/DocumentView.js';
import { CompilationView } from './views/CompilationView.js';
import { RevisionsView } from './views/RevisionsView.js';
import { BracketsView } from './views/BracketsView.js';
import { negotiationExtension } from './components/ClausePanel.js';

/**
 * Negotiation around the text: comments and amendments beside each clause, the status summary bar, the
 * compilation of amendments, the list of open brackets, revisions with their comparison and who wrote what.
 */
route('/documents/:id/compilation', ({ params }) => CompilationView(params.id!));
route('/documents/:id/brackets', ({ params }) => BracketsView(params.id!));
route('/documents/:id/revisions', ({ params, query }) => RevisionsView(params.id!, query));
extendDocumentView(negotiationExtension);
