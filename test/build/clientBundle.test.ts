import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/api/routes.js';
import { LANGUAGES } from '../../shared/domain/countries.js';
import { DOCUMENT_CHUNK_SOURCE, languageChunkSource, type PageBoot } from '../../shared/protocol/pages.js';
import { clientPage } from '../../server/http/clientPage.js';
import { COMPILE_HINT } from '../../scripts/lib/compileHints.js';

/** The built client (`npm test` builds it first; a direct `vitest run` rebuilds it in test/globalSetup.ts). */
const DIST = path.resolve('dist/client');
/** What the sign-in and documents pages may load before anything else, gzipped (63.5 KB in December 2026). */
const FIRST_LOAD_BUDGET = 70 * 1024;
/**
 * What a document page loads: the entry, the English strings and the document chunk, gzipped (216.5 KB in four files, its
 * clause panels left to a chunk of their own and its editors made on demand). test/globalSetup.ts rebuilds the
 * client as `npm run build` does, so the measure is the same either way.
 */
const DOCUMENT_PAGE_BUDGET = 222 * 1024;
/** Screens of their own, which a document page does not show: each loads when it is first opened. */
const SCREENS = [
  'views/AdminView.tsx',
  'views/BracketsView.tsx',
  'views/ChairConsole.tsx',
  'views/CompilationView.tsx',
  'views/DelegationView.tsx',
  'views/ExportView.tsx',
  'views/ImportView.tsx',
  'views/ProjectorView.tsx',
  'views/RevisionsView.tsx',
  'views/TranslatorView.tsx',
];
/** The document page's parts that load on first use: the clause panel, with its comment and amendment forms. */
const ON_FIRST_USE = {
  'components/NegotiationPanel.tsx': [
    'components/NegotiationPanel.tsx',
    'components/CommentsPanel.tsx',
    'components/commentForms.tsx',
    'components/AmendmentsPanel.tsx',
    'components/amendmentCard.tsx',
    'components/spanForm.tsx',
  ],
};
/** The editor's packages, which only a document's pages need. */
const EDITOR_PACKAGES = /node_modules\/(prosemirror-[a-z-]+|yjs|y-prosemirror|y-websocket|y-protocols)\//;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const manifest = (): Manifest =>
  JSON.parse(fs.readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;

/** A chunk's files and those of everything it imports statically, each once. */
function staticClosure(all: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of all[key]!.imports ?? []) staticClosure(all, next, seen);
  return seen;
}

const gzipped = (file: string): number => gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;

/** The npm packages a built file was made from, by its source map. */
function packagesIn(file: string): string[] {
  const map = JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), 'utf8')) as { sources: string[] };
  return [...new Set(map.sources.flatMap((s) => EDITOR_PACKAGES.exec(s)?.[1] ?? []))];
}

/**
 * The string literals of a built file that its source map takes back to a line of its sources, and those it
 * takes to a line that does not hold them: a map one line off names other lines.
 */
function mappedStrings(file: string): { found: number; wrong: string[] } {
  const code = fs.readFileSync(path.join(DIST, file), 'utf8');
  const payload = JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), 'utf8')) as {
    sources: string[];
    sourcesContent: string[];
  };
  const map = new SourceMap(payload as unknown as ConstructorParameters<typeof SourceMap>[0]);
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let found = 0;
  const wrong: string[] = [];
  for (const m of code.matchAll(/"([A-Za-z][A-Za-z ,.:'-]{14,40})"/g)) {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > m.index) line -= 1;
    const entry = map.findEntry(line, m.index - lineStarts[line]!) as {
      originalSource?: string;
      originalLine?: number;
    };
    const source = payload.sources.findIndex((s) => entry.originalSource?.endsWith(s.replace(/^(\.\.\/)+/, '')));
    const text = payload.sourcesContent[source]?.split('\n')[entry.originalLine ?? -1];
    if (text === undefined) continue;
    if (text.includes(m[1]!.slice(0, 12))) found += 1;
    else wrong.push(m[1]!);
  }
  return { found, wrong };
}

/** Every source a built file was made from, by its source map. */
function sourcesIn(file: string): string[] {
  return (JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
}

describe('the client bundle', () => {
  it('loads the sign-in and documents pages with under 70 KB of JavaScript gzipped, and no editor', () => {
    const all = manifest();
    const [entry] = Object.entries(all).filter(([, chunk]) => chunk.isEntry);
    expect(entry, 'the manifest names the entry').toBeDefined();
    const files = [...staticClosure(all, entry![0])].map((key) => all[key]!.file);
    const bytes = files.reduce((sum, file) => sum + gzipped(file), 0);
    console.info(`first load: ${files.length} script(s), ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(bytes).toBeLessThan(FIRST_LOAD_BUDGET);
    expect(files.flatMap(packagesIn)).toEqual([]);
  });

  it('loads the editor with the first document opened, as a chunk of its own', () => {
    const all = manifest();
    const [entry] = Object.values(all).filter((chunk) => chunk.isEntry);
    const lazy = (entry!.dynamicImports ?? []).flatMap((key) => [...staticClosure(all, key)]);
    const packages = new Set(lazy.flatMap((key) => packagesIn(all[key]!.file)));
    expect([...packages]).toEqual(expect.arrayContaining(['prosemirror-view', 'yjs', 'y-prosemirror', 'y-websocket']));
  });

  it('loads a document page with the English strings, and none of the screens it does not show', () => {
    const all = manifest();
    const [entry] = Object.entries(all).filter(([, chunk]) => chunk.isEntry);
    const keys = new Set([
      ...staticClosure(all, entry![0]),
      ...staticClosure(all, languageChunkSource('en')),
      ...staticClosure(all, DOCUMENT_CHUNK_SOURCE),
    ]);
    const files = [...keys].map((key) => all[key]!.file);
    const bytes = files.reduce((sum, file) => sum + gzipped(file), 0);
    console.info(`document page: ${files.length} script(s), ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(bytes).toBeLessThan(DOCUMENT_PAGE_BUDGET);
    // Few files: each request and response costs a slow laptop's main thread (scripts/lib/sharedChunk.ts).
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(4);
    const styles = [...keys].flatMap((key) => all[key]!.css ?? []);
    expect(styles.length, styles.join(', ')).toBeLessThanOrEqual(3);
    const sources = files.flatMap(sourcesIn);
    for (const screen of SCREENS) {
      expect(all[screen]?.isDynamicEntry, `${screen} is a chunk of its own`).toBe(true);
      expect(sources.filter((s) => s.endsWith(`/client/${screen}`))).toEqual([]);
    }
    for (const [chunk, parts] of Object.entries(ON_FIRST_USE)) {
      expect(all[chunk]?.isDynamicEntry, `${chunk} is a chunk of its own`).toBe(true);
      for (const part of parts)
        expect(
          sources.filter((s) => s.endsWith(`/client/${part}`)),
          part,
        ).toEqual([]);
    }
  });

  it("carries each language's strings in a chunk of its own, and none in the entry", () => {
    const all = manifest();
    const [entry] = Object.entries(all).filter(([, chunk]) => chunk.isEntry);
    const code = (key: string): string => fs.readFileSync(path.join(DIST, all[key]!.file), 'utf8');
    const entryCode = [...staticClosure(all, entry![0])].map(code).join('\n');
    // A sentence of each language, to find where its strings went (JSON has no source map).
    const sentence = (language: string): string =>
      (
        JSON.parse(fs.readFileSync(`client/i18n/locales/${language}/common.json`, 'utf8')) as {
          notFound: { body: string };
        }
      ).notFound.body;
    for (const language of LANGUAGES) {
      expect(entryCode.includes(sentence(language)), language).toBe(false);
      expect(all[languageChunkSource(language)]?.isDynamicEntry, language).toBe(true);
      for (const other of LANGUAGES)
        expect(code(languageChunkSource(language)).includes(sentence(other)), `${other} in ${language}`).toBe(
          other === language,
        );
    }
  });

  it('names in a page the files its address will need, so that they load beside the entry', () => {
    const all = manifest();
    const pageFor = clientPage(DIST);
    const preloads = (html: string): string[] =>
      [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/([^"]+)">/g)].map((m) => m[1]!);
    const documentPage = preloads(pageFor('/documents/almaty-declaration', 'ru-RU,ru;q=0.9,en;q=0.8')!);
    expect(documentPage).toEqual(
      expect.arrayContaining([
        all[DOCUMENT_CHUNK_SOURCE]!.file,
        all[languageChunkSource('en')]!.file,
        all[languageChunkSource('ru')]!.file,
      ]),
    );
    expect(documentPage).not.toContain(all[languageChunkSource('kk')]!.file);
    expect(pageFor('/documents/almaty-declaration', undefined)).toContain(
      `<link rel="stylesheet" crossorigin href="/${all[DOCUMENT_CHUNK_SOURCE]!.css![0]}">`,
    );
    // The list and the sign-in page need the strings, not the editor.
    const listPage = preloads(pageFor('/documents', 'fr')!);
    expect(listPage).toEqual([all[languageChunkSource('en')]!.file]);
  });

  it("hints a signed-in reader's first read of a document's text, the original, unless the address names a language", () => {
    const pageFor = clientPage(DIST);
    const reads = (html: string): string[] =>
      [...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/g)].map((m) => m[1]!);
    const user = { user: { id: 'u1' } } as unknown as PageBoot;
    expect(reads(pageFor('/documents/almaty-declaration', 'en', user)!)).toEqual([
      '/api/documents/almaty-declaration?include=content',
    ]);
    expect(reads(pageFor('/documents/a%20b%26c/', 'en', user, '?focus=OP1')!)).toEqual([
      '/api/documents/a%20b%26c?include=content',
    ]);
    // A visitor's read would be refused; a version named in the address is what the page reads; other pages
    // read something else; a malformed address reads nothing.
    expect(reads(pageFor('/documents/almaty-declaration', 'en', { user: null })!)).toEqual([]);
    expect(reads(pageFor('/documents/almaty-declaration', 'en', user, '?lang=ru')!)).toEqual([]);
    expect(reads(pageFor('/documents/almaty-declaration/compilation', 'en', user)!)).toEqual([]);
    expect(reads(pageFor('/projector/almaty-declaration', 'en', user)!)).toEqual([]);
    expect(reads(pageFor('/documents/%E0%A4%A', 'en', user)!)).toEqual([]);
  });

  it('marks the files a document page runs as it opens for V8 to compile at once, their source maps still true', () => {
    const all = manifest();
    const [entry] = Object.entries(all).filter(([, chunk]) => chunk.isEntry);
    const opening = new Set(
      [...staticClosure(all, entry![0]), ...staticClosure(all, DOCUMENT_CHUNK_SOURCE)].map((key) => all[key]!.file),
    );
    expect(opening.size, [...opening].join(', ')).toBe(3);
    const scripts = Object.values(all)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js'));
    for (const file of scripts)
      expect(fs.readFileSync(path.join(DIST, file), 'utf8').startsWith(`${COMPILE_HINT}\n`), file).toBe(
        opening.has(file),
      );
    for (const file of opening) {
      const { found, wrong } = mappedStrings(file);
      expect(found, file).toBeGreaterThanOrEqual(5);
      expect(wrong, file).toEqual([]);
    }
  });

  it('carries no zod, in any chunk: the route table goes to the browser without its schemas', () => {
    const scripts = Object.values(manifest())
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(1);
    for (const file of scripts)
      expect(
        sourcesIn(file).filter((s) => s.includes('node_modules/zod/')),
        file,
      ).toEqual([]);
    // The table itself is there, every route with its method and path.
    const entry = Object.values(manifest()).find((chunk) => chunk.isEntry)!;
    const code = fs.readFileSync(path.join(DIST, entry.file), 'utf8');
    for (const route of Object.values(ROUTES)) expect(code).toContain(route.path);
  });
});
