import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { DOCUMENT_CHUNK_SOURCE } from '../../shared/protocol/pages.js';
import { DOCUMENT_SHARED_CHUNK } from './sharedChunk.js';

/**
 * V8's explicit compile hint for a whole file: every function in it is compiled as the file loads, beside the
 * page (on the thread that parses a streamed script), instead of each on the main thread the first time it is
 * called. V8 reads it at the top of the file only: below the line the bundler puts first in a chunk with
 * dynamic imports (its list of their files), it changed nothing.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** What is read of a chunk to tell whether it is hinted. */
interface ChunkSeen {
  name: string;
  isEntry: boolean;
  facadeModuleId: string | null;
}

const DOCUMENT_MODULE = fileURLToPath(new URL(`../../client/${DOCUMENT_CHUNK_SOURCE}`, import.meta.url));

/**
 * Whether a chunk is one a document's page runs nearly all of as it opens: the entry, the document chunk and
 * what it shares with other screens. A screen loaded on demand runs a part of its file, and is left to
 * compile lazily.
 */
export function opensTheDocument(chunk: ChunkSeen): boolean {
  return chunk.isEntry || chunk.facadeModuleId === DOCUMENT_MODULE || chunk.name === DOCUMENT_SHARED_CHUNK;
}

/**
 * Puts `COMPILE_HINT` on the first line of the chunks `opensTheDocument` names, above the line the bundler
 * puts first (this runs after it), with their source maps moved down a line. With the CPU slowed 4×, a document
 * page's script on the main thread went from about 650 to 530 ms (medians over five pairs of runs of the
 * bench "Document page under a 4× slowed CPU").
 */
export function compileHints(): Plugin {
  return {
    name: 'accord:compile-hints',
    apply: 'build',
    enforce: 'post',
    augmentChunkHash: (chunk) => (opensTheDocument(chunk) ? COMPILE_HINT : undefined),
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !opensTheDocument(chunk)) continue;
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset') {
            const parsed = JSON.parse(String(map.source)) as { mappings: string };
            parsed.mappings = `;${parsed.mappings}`;
            map.source = JSON.stringify(parsed);
          }
        }
      },
    },
  };
}
