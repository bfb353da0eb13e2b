import { route } from './router.js';
import { ImportView } from './views/ImportView.js';

/** Drafting: a new draft from a Word file (the secretariat's; the server decides). */
route('/drafts/import', () => ImportView());
