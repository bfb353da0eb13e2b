import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/**
 * `npm run build:server`: compiles the server to `dist/server/` so that `npm start` runs plain Node on
 * JavaScript instead of transpiling TypeScript at run time (which cost memory and start-up time). One bundle
 * per entry point — the server, and each worker thread it starts from a file — with the npm packages left
 * as imports (native addons, fonts and data files stay where npm put them) and source maps, which
 * `node --enable-source-maps` uses for stack traces that name the TypeScript sources.
 *
 * `dist/server/main.js` sits two levels below the repository like `server/seed/`, so paths the server
 * derives from `import.meta.url` (the demo seed in `data/seed/`, `package.json`) resolve the same from source and bundle.
 */
export const SERVER_ENTRY_POINTS = {
  main: 'server/main.ts',
  // `renderQueue.ts` starts it as `./renderWorker.js` beside the module that imports it: the server's bundle.
  renderWorker: 'server/export/renderWorker.ts',
  // `importQueue.ts` starts it as `./importWorker.js`, the same way.
  importWorker: 'server/import/importWorker.ts',
  // `passwords.ts` starts it as `./passwordWorker.js`, the same way (a tool that hashed a password, bundled
  // into the same directory, would find it too).
  passwordWorker: 'server/auth/passwordWorker.ts',
  // `diffCache.ts` starts it as `./diffWorker.js`, the same way.
  diffWorker: 'server/presenters/diffWorker.ts',
};
export const SERVER_BUNDLE = 'dist/server/main.js';

/**
 * The operator's command-line tools, bundled beside the server (`dist/server/verify-ledger.js`…): they run on
 * plain Node without a TypeScript loader (a tenth of the start-up time), the export worker they start is
 * found beside them, and the tests run them as an operator on a production install would.
 */
export const SCRIPT_ENTRY_POINTS = {
  backup: 'scripts/backup.ts',
  export: 'scripts/export.ts',
  invite: 'scripts/invite.ts',
  restore: 'scripts/restore.ts',
  setup: 'scripts/setup.ts',
  'signing-key': 'scripts/signing-key.ts',
  'verify-ledger': 'scripts/verify-ledger.ts',
  'verify-package': 'scripts/verify-package.ts',
};

/**
 * How production runs the bundle (`npm run serve`, which `npm start` calls), measured in docs/benchmarks.md
 * ("Production build" and the collaboration benchmark's RSS with 1,200 clients):
 * - `MALLOC_ARENA_MAX=2`: glibc gives every thread that allocates an arena of its own (libuv's pool, the
 *   export and compaction workers), and their fragments stay resident: 248 MiB with 1,200 clients, 204 MiB
 *   with two arenas;
 * - `--max-semi-space-size=8`: V8's young generation at 8 MiB a half instead of 16: 162 MiB with both;
 * - `--enable-source-maps`: stack traces name the TypeScript sources.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--enable-source-maps'];

/** The `npm run serve` command line, which the production test holds package.json to. */
export const SERVE_COMMAND = `${Object.entries(SERVER_ENV)
  .map(([k, v]) => `${k}=${v}`)
  .join(' ')} node ${SERVER_NODE_FLAGS.join(' ')} ${SERVER_BUNDLE}`;

/** How the server, and anything that runs its code as production does (the benchmarks' servers), is bundled. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  // Import attributes (`with { type: 'json' }`) are kept as written from Node 20.10 on.
  target: 'node20.19',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  // Function and class names stay readable in stack traces.
  keepNames: true,
  logLevel: 'warning',
} satisfies BuildOptions;

export async function buildServer(): Promise<{ bytes: number }> {
  rmSync('dist/server', { recursive: true, force: true });
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: { ...SERVER_ENTRY_POINTS, ...SCRIPT_ENTRY_POINTS },
    outdir: 'dist/server',
    metafile: true,
  });
  return { bytes: Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { bytes } = await buildServer();
  console.log(
    `server built: ${Object.keys(SERVER_ENTRY_POINTS).length + Object.keys(SCRIPT_ENTRY_POINTS).length} entry point(s), ${(bytes / 1024).toFixed(0)} KiB in dist/server`,
  );
}
