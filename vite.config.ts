import { defineConfig } from 'vite';
import { routesWithoutSchemas } from './scripts/lib/routesWithoutSchemas.js';
import { chunkGroups } from './scripts/lib/sharedChunk.js';
import { compileHints } from './scripts/lib/compileHints.js';

/** JSX in the client's `.tsx` files is Preact's (the same settings as tsconfig.json's `jsx`, `jsxImportSource`). */
export const PREACT_JSX = { runtime: 'automatic', importSource: 'preact' } as const;

/**
 * The client is a TypeScript app under `client/` (Preact components in `.tsx`), built to `dist/client`, which
 * the Node server serves. `npm run dev:client` proxies the three doors to a server on port 3000.
 */
const chunks = chunkGroups();

export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [routesWithoutSchemas(), chunks.plugin, compileHints()],
  oxc: { jsx: PREACT_JSX },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: chunks.groups } } },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
