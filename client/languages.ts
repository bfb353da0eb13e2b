import { isLanguageCode } from '../shared/domain/languages.js';
import { lazyView, route } from './router.js';
import { NotFoundView } from './views/NotFoundView.js';

/**
 * Language versions of a document: the translator's side-by-side editor. The document page's switch and the
 * projector's second language live in their own screens (`views/documentLanguages.tsx`, `views/ProjectorView.tsx`).
 */
route(
  '/documents/:id/translate/:lang',
  lazyView(
    () => import('./views/TranslatorView.js'),
    (m, { params }) => (isLanguageCode(params.lang!) ? m.TranslatorView(params.id!, params.lang) : NotFoundView()),
  ),
);
