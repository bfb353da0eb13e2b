import '../styles/voting.css';
import { lazyView, route } from '../router.js';
import { extendDocumentView } from './DocumentView.js';
import { votingParts } from './documentVoting.js';
import { secondLanguageOf } from './projectorLanguages.js';

/**
 * The decision side of the client: the chair's console, the projector and the delegation's page as routes,
 * and on every document page the links to them, the open votes, and the clause the chair is discussing
 * (highlighted; "Follow the chair" scrolls to it as it moves: documentVoting.tsx).
 */
// Each screen is a chunk of its own: a document page loads none of them.
route(
  '/documents/:id/chair',
  lazyView(
    () => import('./ChairConsole.js'),
    (m, { params }) => m.ChairConsole(params.id!),
  ),
  { roles: ['chair'] },
);
route(
  '/documents/:id/delegation',
  lazyView(
    () => import('./DelegationView.js'),
    (m, { params }) => m.DelegationView(params.id!),
  ),
  { roles: ['head', 'delegate'] },
);
route(
  '/projector/:documentId',
  lazyView(
    () => import('./ProjectorView.js'),
    (m, { params, query }) => m.ProjectorView(params.documentId!, secondLanguageOf(query)),
  ),
);

extendDocumentView(votingParts);
