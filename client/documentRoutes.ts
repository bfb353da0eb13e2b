import './features.js';
import { route } from './router.js';
import { DocumentView } from './views/DocumentView.js';

/**
 * Everything about one document (the page with its editors, and the screens of its features), loaded when
 * a document first opens or a link to one is reached for (`interceptLinks`): the sign-in and list pages do not
 * load ProseMirror or Yjs with themselves (see main.ts).
 */
route('/documents/:id', ({ params, query }) => DocumentView(params.id!, query));
