import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { DOCUMENT_CHUNK_SOURCE } from '../../shared/protocol/pages.js';

/** The chunk holding what the document's pages share with the other screens loaded on demand. */
export const DOCUMENT_SHARED_CHUNK = 'document-shared';

/** A group of the bundler's code splitting (`output.codeSplitting.groups`), as used here. */
interface ChunkGroup {
  name: string;
  test?: (id: string) => boolean;
  tags?: '$initial'[];
  minShareCount?: number;
  priority: number;
}

/** The document chunk's module, as the bundler names it (from this file, whatever directory the build runs in). */
const DOCUMENT_MODULE = fileURLToPath(new URL(`../../client/${DOCUMENT_CHUNK_SOURCE}`, import.meta.url));

/**
 * How the client's code is split into files, beyond one chunk per screen loaded on demand.
 * - What the entry loads statically stays in the entry (`$initial`): the sign-in and list pages load nothing more.
 * - What the document chunk imports and shares with other screens (the flag, the dialog, the floor clock, the live
 *   lists, the clause schema…) is **one** chunk. Left to itself, the bundler made a chunk per set of screens
 *   sharing a module, and a document's first visit fetched fourteen scripts and five stylesheets: with the CPU
 *   slowed 4×, each request and response took the page's main thread 15–25 ms, and the preload hints for them a
 *   quarter of a second before the page was parsed. A screen that needs part of it (the delegation page) loads
 *   the rest too; one file is the better trade.
 * - What only other screens share is left to the bundler: a document's page never loads it.
 * The entry's group comes first (higher priority), so the shared group never pulls the entry's modules into it.
 * `plugin` learns which modules the document chunk reaches, once the module graph is known and before chunks
 * are made.
 */
export function chunkGroups(): { plugin: Plugin; groups: ChunkGroup[] } {
  const reached = new Set<string>();
  const plugin: Plugin = {
    name: 'accord:document-shared-chunk',
    apply: 'build',
    buildEnd() {
      const stack = [DOCUMENT_MODULE];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (reached.has(id)) continue;
        reached.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  const groups: ChunkGroup[] = [
    { name: 'index', tags: ['$initial'], priority: 2 },
    { name: DOCUMENT_SHARED_CHUNK, test: (id: string) => reached.has(id), minShareCount: 2, priority: 1 },
  ];
  return { plugin, groups };
}
