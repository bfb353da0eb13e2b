import { suggestionParts } from './components/suggestionsOnPage.js';
import { extendDocumentView } from './views/DocumentView.js';

/** Suggestion mode's lists and count on the document page (the editor's switch is part of editing). */
extendDocumentView(suggestionParts);
