import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { buildServer, SERVER_BUNDLE } from '../scripts/buildServer.js';

/** Newest modification time under a directory (the client's sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** Modification time of a built file, 0 when it is missing. */
function builtAt(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/**
 * Browser tests need the built client, and the tests that run the server as its own process run the
 * compiled server, as `npm start` does. `npm test` builds both first; a direct `vitest run` rebuilds each
 * here only when its sources are newer than its build.
 */
export default async function setup(): Promise<void> {
  const shared = newest(path.resolve('shared'));
  if (builtAt(path.resolve('dist/client/index.html')) < Math.max(newest(path.resolve('client')), shared)) {
    await build({ logLevel: 'warn' });
  }
  if (builtAt(path.resolve(SERVER_BUNDLE)) < Math.max(newest(path.resolve('server')), shared)) await buildServer();
}
