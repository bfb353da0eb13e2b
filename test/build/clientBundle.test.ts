import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/api/routes.js';

/** The built client (`npm test` builds it first; a direct `vitest run` rebuilds it in test/globalSetup.ts). */
const DIST = path.resolve('dist/client');
/** What the sign-in and documents pages may load before anything else, gzipped. */
const FIRST_LOAD_BUDGET = 150 * 1024;
/** The editor's packages, which only a document's pages need. */
const EDITOR_PACKAGES = /node_modules\/(prosemirror-[a-z-]+|yjs|y-prosemirror|y-websocket|y-protocols)\//;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
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

/** Every source a built file was made from, by its source map. */
function sourcesIn(file: string): string[] {
  return (JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
}

describe('the client bundle', () => {
  it('loads the sign-in and documents pages with under 150 KB of JavaScript gzipped, and no editor', () => {
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
