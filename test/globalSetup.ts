import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/** Newest modification time under a directory (the client's sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Browser tests need the built client. `npm test` builds it first; a direct `vitest run` rebuilds it here
 * only when the sources are newer than the build.
 */
export default async function setup(): Promise<void> {
  const index = path.resolve('dist/client/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= Math.max(newest(path.resolve('client')), newest(path.resolve('shared')))) return;
  await build({ logLevel: 'warn' });
}
