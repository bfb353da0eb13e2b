import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SCRIPT_ENTRY_POINTS } from '../../scripts/buildServer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A command-line tool the server build bundles (`scripts/buildServer.ts`). */
export type ScriptName = keyof typeof SCRIPT_ENTRY_POINTS;

/**
 * How a test runs one of the operator's tools: its bundle in `dist/server/` on plain Node, as on a production
 * install (the test run's global setup builds it when the sources are newer). `[command, args]` for
 * `spawn`, `execFile` and their kin.
 */
export function script(name: ScriptName, ...args: string[]): [string, string[]] {
  return [process.execPath, ['--enable-source-maps', path.join(ROOT, 'dist/server', `${name}.js`), ...args]];
}

/** The server as `npm run serve` starts it (`dist/server/main.js`), for tests that run it as its own process. */
export function serverProcess(): [string, string[]] {
  return [process.execPath, ['--enable-source-maps', path.join(ROOT, 'dist/server/main.js')]];
}
