import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../shared/domain/countries.js';
import { escapeAttribute } from '../export/xml.js';
import {
  DOCUMENT_CHUNK_SOURCE,
  DOCUMENT_PAGES,
  languageChunkSource,
  originalReadOf,
  PAGE_BOOT_ID,
  pageBootJson,
  type PageBoot,
} from '../../shared/protocol/pages.js';

/** What the build's manifest (`.vite/manifest.json`) says of one chunk. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The page and the hints it can carry, read from one build. */
interface Build {
  mtimeMs: number;
  html: string;
  /** The document chunk's scripts (with what they import) and styles. */
  documentPages: { scripts: string[]; styles: string[] };
  /** Each language's strings, by language. */
  locales: Map<string, string>;
}

/**
 * The client's page (`index.html`) for an address, with preload hints for what the address will need before
 * the entry has run: the strings of the browser's language and English, and on a document's pages the
 * document chunk (the editor, Yjs) and its styles. Without them the browser learns of those files only once
 * the entry has been fetched, parsed and run; with them they arrive beside it (the styles applied at once).
 * With `boot`, the page also carries who is signed in (`PageBoot`), so the client need not ask; and for someone
 * signed in on a document's page whose query (`search`) names no language, a hint to read the original's text
 * (`originalReadOf`), the page's first question, which the browser then asks while the entry loads. With
 * `firstLook`, the text it draws before any script has run (`firstLook.ts`), beside the app's element. Read
 * again when the build changes; null when the client is not built.
 */
export function clientPage(
  dir: string,
): (
  pathname: string,
  acceptLanguage: string | undefined,
  boot?: PageBoot,
  search?: string,
  firstLook?: string | null,
) => string | null {
  const index = path.join(dir, 'index.html');
  let build: Build | undefined;
  return (pathname, acceptLanguage, boot, search = '', firstLook = null) => {
    const stat = fs.statSync(index, { throwIfNoEntry: false });
    if (!stat) return null;
    if (build?.mtimeMs !== stat.mtimeMs) build = readBuild(dir, index, stat.mtimeMs);
    const languages = new Set(['en', browserLanguage(acceptLanguage)]);
    const scripts = [...languages].flatMap((language) => build!.locales.get(language) ?? []);
    const styles: string[] = [];
    if (DOCUMENT_PAGES.test(pathname)) {
      scripts.push(...build.documentPages.scripts);
      styles.push(...build.documentPages.styles);
    }
    const read = boot?.user ? originalReadOf(pathname, search) : null;
    const hints = [
      // Credentials as the entry's `fetch` sends them (same-origin), so that its request takes this answer.
      ...(read ? [`<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeAttribute(read)}">`] : []),
      ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
      // Applied from the start, not only fetched: the chunk's loader would otherwise add each as a stylesheet
      // once the entry runs, and parse it then, on the main thread the page's first drawing waits for.
      ...styles.map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
      ...(boot ? [`<script type="application/json" id="${PAGE_BOOT_ID}">${pageBootJson(boot)}</script>`] : []),
    ];
    const html = firstLook ? insert(build.html, APP_ELEMENT, `${APP_ELEMENT}\n    ${firstLook}`) : build.html;
    return hints.length === 0 ? html : insert(html, '</head>', `    ${hints.join('\n    ')}\n  </head>`);
  };
}

/**
 * `html` with the first `marker` replaced by `markup`, taken as it is: a replacement string would read `$&`,
 * `` $` `` and `$'` in it (in a clause's text, a person's name) as the marker and the page around it.
 */
function insert(html: string, marker: string, markup: string): string {
  return html.replace(marker, () => markup);
}

/** The app's element in `client/index.html`, empty until the client draws into it. */
const APP_ELEMENT = '<div id="app" aria-busy="true"></div>';

function readBuild(dir: string, index: string, mtimeMs: number): Build {
  const html = fs.readFileSync(index, 'utf8');
  const manifestFile = path.join(dir, '.vite/manifest.json');
  const manifest: Manifest = fs.existsSync(manifestFile)
    ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest)
    : {};
  const documentKeys = manifest[DOCUMENT_CHUNK_SOURCE] ? [...staticClosure(manifest, DOCUMENT_CHUNK_SOURCE)] : [];
  const locales = new Map<string, string>();
  for (const language of LANGUAGES) {
    const chunk = manifest[languageChunkSource(language)];
    if (chunk) locales.set(language, chunk.file);
  }
  return {
    mtimeMs,
    html,
    documentPages: {
      scripts: documentKeys.map((key) => manifest[key]!.file).filter((file) => !html.includes(`/${file}"`)),
      styles: documentKeys.flatMap((key) => manifest[key]!.css ?? []).filter((file) => !html.includes(`/${file}"`)),
    },
    locales,
  };
}

/** A chunk's key and those of everything it imports statically, each once. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

/** The first of the browser's languages that Accord speaks, or English. */
function browserLanguage(acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(code)) return code;
  }
  return 'en';
}
