/**
 * The addresses of a document's pages (its text, its features' screens, the projector), served by the client's
 * document chunk: the client loads that chunk when one first opens (client/main.ts), and the server names it
 * in the page it sends for such an address, so the browser fetches it beside the entry (server/http/clientPage.ts).
 */
export const DOCUMENT_PAGES = /^\/(documents|projector)\/[^/]+(\/|$)/;

/** The client's document chunk, by its source (the key of the build's manifest, relative to `client/`). */
export const DOCUMENT_CHUNK_SOURCE = 'documentRoutes.ts';

/** The chunk of a language's strings (client/i18n/index.ts), by its source as `DOCUMENT_CHUNK_SOURCE`. */
export const languageChunkSource = (language: string): string => `i18n/languages/${language}.ts`;
