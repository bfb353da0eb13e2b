import { defineConfig } from 'vite';
import { routesWithoutSchemas } from './scripts/lib/routesWithoutSchemas.js';

/**
 * The client is a plain TypeScript app under `client/`, built to `dist/client`, which the Node server
 * serves. `npm run dev:client` proxies the three doors to a server on port 3000.
 */
export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [routesWithoutSchemas()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
