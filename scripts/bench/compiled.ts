/**
 * The benchmarks measure servers as production runs them: plain Node on JavaScript compiled ahead of time
 * (`scripts/buildServer.ts`), not TypeScript transpiled at run time by tsx, whose loader costs memory and
 * start-up. `serverCommand(script)` compiles a benchmark's server script once per run (with the server code
 * it imports and the export worker it starts) into `dist/bench/` and gives the arguments to run it.
 * `BENCH_TSX=1` runs the TypeScript through tsx instead, for a before/after comparison.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, buildServer, SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_FLAGS } from '../buildServer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'dist/bench');
const SCRIPTS = ['collabServer', 'hostileServer', 'clusterServer'];
let built: Promise<void> | undefined;

function buildAll(): Promise<void> {
  built ??= build({
    entryPoints: {
      ...Object.fromEntries(SCRIPTS.map((s) => [s, path.join(ROOT, 'scripts/bench', `${s}.ts`)])),
      // Started as `./renderWorker.js` beside the bundle that holds the export queue.
      renderWorker: path.join(ROOT, 'server/export/renderWorker.ts'),
      // Started as `./passwordWorker.js` the same way, by every sign-in and by the scripts seeding accounts.
      passwordWorker: path.join(ROOT, 'server/auth/passwordWorker.ts'),
      // And `./diffWorker.js`, by the amendments' word diffs.
      diffWorker: path.join(ROOT, 'server/presenters/diffWorker.ts'),
    },
    outdir: OUT,
    ...BUNDLE_OPTIONS,
  }).then(() => undefined);
  return built;
}

/** Node's arguments to run `script` (a path to one of the benchmark server scripts, or `server/main.ts`). */
export async function serverCommand(script: string): Promise<string[]> {
  if (process.env.BENCH_TSX === '1') return ['--import', 'tsx', script];
  if (path.resolve(script) === path.join(ROOT, 'server/main.ts')) {
    await buildServer();
    return [...SERVER_NODE_FLAGS, path.join(ROOT, SERVER_BUNDLE)];
  }
  const name = path.basename(script, '.ts');
  if (!SCRIPTS.includes(name)) throw new Error(`${script} is not a benchmark server script`);
  await buildAll();
  return [...SERVER_NODE_FLAGS, path.join(OUT, `${name}.js`)];
}

/** The environment production gives the server (`SERVER_ENV`), to add to a server process's. */
export function serverEnvironment(): Record<string, string> {
  return process.env.BENCH_TSX === '1' ? {} : { ...SERVER_ENV };
}

/** How the servers ran, for the reports. */
export function runtimeNote(): string {
  return process.env.BENCH_TSX === '1'
    ? 'TypeScript through tsx (BENCH_TSX=1)'
    : 'compiled ahead of time (esbuild), plain Node';
}
