import './features.js';
import { route } from './router.js';
import { DocumentView } from './views/DocumentView.js';

/**
 * Everything about one document (the page with its editors, and the screens of its features), loaded when
 * a document first opens: the sign-in and list pages never carry ProseMirror or Yjs (see main.ts).
 */
route('/documents/:id', ({ params, query }) => DocumentView(params.id!, query));
