import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { buildServer, SERVER_BUNDLE } from '../scripts/buildServer.js';
import { seedOnce } from './helpers/seededData.js';
import { takeShared } from './runShared.js';

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
 * Browser tests need the built client, and the tests that run the server or an operator's tool as its own
 * process run the compiled bundle, as `npm start` does. `npm test` builds both first; a direct `vitest run` rebuilds each
 * here only when its sources are newer than its build. Then seeds the demo conference the test servers start from.
 * Every project runs this setup: the first does the work, the others take its result (`runShared.ts`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prepared = await takeShared('seeded', prepare, (seeded) => seeded.remove());
  project.provide('seeded', prepared.value.seeded);
  return () => prepared.release();
}

async function prepare(): Promise<Awaited<ReturnType<typeof seedOnce>>> {
  const shared = newest(path.resolve('shared'));
  if (builtAt(path.resolve('dist/client/index.html')) < Math.max(newest(path.resolve('client')), shared)) {
    // Built as `npm run build` builds it: under vitest NODE_ENV is "test", and Vite would keep the libraries'
    // development code, which the bundle test would then measure. Set back before any test process starts.
    const mode = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ logLevel: 'warn' });
    } finally {
      if (mode === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = mode;
    }
  }
  // The bundle holds the operator's tools too (`scripts/`), which tests run as their own processes.
  const serverSources = Math.max(newest(path.resolve('server')), newest(path.resolve('scripts')), shared);
  if (builtAt(path.resolve(SERVER_BUNDLE)) < serverSources) await buildServer();
  // The demo conference, seeded once for the test servers to copy (`test/helpers/seededData.ts`).
  return seedOnce();
}
