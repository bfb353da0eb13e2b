/**
 * Feature modules register their routes, navigation entries and document-page extensions when imported.
 * Each feature adds one import line here.
 */
import './views/voting.js';
import './views/documentFloor.js';
// Before the clause panel, which shows its lists.
import './suggestions.js';
import './negotiation.js';
import './editor/feature.js';
import './export.js';
import './languages.js';

export {};
