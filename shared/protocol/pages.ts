import type { SessionUser } from '../api/auth.js';

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

/**
 * What the server writes into the page it sends (a JSON data block, `<script type="application/json">`, which
 * the content security policy lets through as it runs nothing): who is signed in on this browser, the answer
 * `GET /api/session` would give. The client reads it instead of asking, so a visit starts one round trip sooner.
 */
export const PAGE_BOOT_ID = 'accord-boot';
export interface PageBoot {
  user: SessionUser | null;
}

/** A page boot as JSON safe inside a `<script>` element: no `<` (so no `</script>`), no line separators. */
export function pageBootJson(boot: PageBoot): string {
  return JSON.stringify(boot)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
