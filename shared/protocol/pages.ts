import type { SessionUser } from '../api/auth.js';
import { pathOf } from '../api/route.js';
import { ROUTES } from '../api/routes.js';
import type { LanguageCode } from '../domain/languages.js';

/**
 * The addresses of a document's pages (its text, its features' screens, the projector), served by the client's
 * document chunk: the client loads that chunk when one first opens (client/main.ts), and the server names it
 * in the page it sends for such an address, so the browser fetches it beside the entry (server/http/clientPage.ts).
 */
export const DOCUMENT_PAGES = /^\/(documents|projector)\/[^/]+(\/|$)/;

/** A document's own page (its text), as against its features' screens; the id URL-encoded. */
const DOCUMENT_TEXT_PAGE = /^\/documents\/([^/]+)\/?$/;

/** The document whose own page (its text) `pathname` is; null for any other page or a malformed address. */
export function textPageDocument(pathname: string): string | null {
  const match = DOCUMENT_TEXT_PAGE.exec(pathname);
  try {
    return decodeURIComponent(match?.[1] ?? '') || null;
  } catch {
    return null; // A stray `%`: the page itself says it is not found.
  }
}

/** A document page's read of its text, in a version or the original: the page, its prefetch and the server's hint ask the same. */
export const documentRead = (id: string, lang?: LanguageCode) => ({
  params: { id },
  query: { include: 'content', ...(lang ? { lang } : {}) },
});

/**
 * The read of the original's text that the page at `pathname` makes first, unless its query (`search`) names a
 * language: the server hints it in the page (`<link rel="preload" as="fetch">`) so that the browser asks while
 * the entry loads, and the entry's own request of the same path (`client/api/prefetch.ts`) takes that answer.
 * Null for any other page, a query naming a language, or a malformed address.
 */
export function originalReadOf(pathname: string, search: string): string | null {
  const id = originalTextDocument(pathname, search);
  return id ? pathOf(ROUTES.document, documentRead(id)) : null;
}

/**
 * The document whose original's text the page at `pathname` shows first: its own page, unless its query
 * (`search`) names a language. Null for any other page, a query naming a language, or a malformed address.
 */
export function originalTextDocument(pathname: string, search: string): string | null {
  return new URLSearchParams(search).has('lang') ? null : textPageDocument(pathname);
}

/** The client's document chunk, by its source (the key of the build's manifest, relative to `client/`). */
export const DOCUMENT_CHUNK_SOURCE = 'documentRoutes.ts';

/** The chunk of a language's strings (client/i18n/index.ts), by its source as `DOCUMENT_CHUNK_SOURCE`. */
export const languageChunkSource = (language: string): string => `i18n/languages/${language}.ts`;

/**
 * The element holding a document page's first look (`server/http/firstLook.ts`): its text, drawn from the page
 * the server sends before any script runs, until the client's page replaces it.
 */
export const FIRST_LOOK_ID = 'first-look';

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
