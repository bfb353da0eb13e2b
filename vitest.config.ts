import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { searchForWorkspaceRoot } from 'vite';
import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './scripts/lib/engines.js';
import { PREACT_JSX } from './vite.config.js';

/**
 * Suites that reach storage only through a running server: run a second time with every test server on a
 * fresh PostgreSQL database (the `postgres` project), so the API, commands and collaboration are proven on
 * both engines. Tests that read SQLite's own files stay with the first run.
 */
const ON_POSTGRES = [
  'test/http/**/*.test.ts',
  'server/routes/**/*.test.ts',
  'server/commands/**/*.test.ts',
  'server/collab/**/*.test.ts',
  'server/notifications/**/*.test.ts',
];
/**
 * The permission matrix (test/security/permissionMatrix.test.ts) runs on SQLite only: every decision it checks
 * comes from the shared permissions table, and the storage reads the collab policy makes are run on both
 * engines by the collab suites (refusals, locks, stages).
 *
 * Of those, suites whose every case turns on something other than storage, which the second run would only
 * repeat: the export queue (the worker pool's turns and limits), and the collab socket's bounds and rates,
 * which refuse a message before anything is stored.
 */
const ENGINE_NEUTRAL = ['server/routes/exportQueue.test.ts', 'server/collab/limits.test.ts'];
// Without PostgreSQL (a developer machine) the second run is left out; CI installs it and must run it.
const withPostgres = postgresBinDir() !== undefined || process.env.CI !== undefined;

/**
 * Server, shared, script and browser suites run one file after another in each worker process, without a
 * fresh module graph per file (`isolate: false`): importing the server afresh cost every file a second or
 * more, and a browser suite reuses its worker's chromium (`test/helpers/browser.ts`). They mock no module;
 * what is process-wide (the export and import worker pools) is ended after each file that left work under way
 * in it, and kept with its warm workers otherwise (`test/setupFile.ts`).
 * Suites that replace modules run isolated: the client's that mock one (`vi.mock`, found by reading them), and
 * the engine gates' test, which imports its helpers again under a mocked engine. The client's other suites
 * (happy-dom or plain node) share their worker's modules too (project `client`): importing Preact, i18next and
 * the locales afresh for each of some seventy files cost the run more than their tests; the runner puts back
 * stubbed globals and variables (`unstubGlobals`, `unstubEnvs`), and each file restores real timers.
 */
const CLIENT_TESTS = ['client/**/*.test.ts', 'client/**/*.test.tsx'];
const CLIENT_MOCKING = readdirSync('client', { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => `client/${file}`)
  .filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')));
const ISOLATED = [...CLIENT_MOCKING, 'test/helpers/engines.test.ts'];
const SHARED_PROCESS = { isolate: false, setupFiles: ['test/setupFile.ts'] };

/**
 * One runner for every test: unit tests beside the code (`*.test.ts`), HTTP and socket integration tests
 * against real servers on port 0, and browser tests (`*.browser.test.ts`) driving Debian's chromium.
 * Two workers match the two cores the suite is sized for.
 */
export default defineConfig({
  // The flag component imports flag-icons' SVG files by URL; where node_modules is a link into another checkout,
  // their real path lies outside the workspace, and Vite refuses such imports unless the directory is allowed.
  server: { fs: { allow: [searchForWorkspaceRoot(process.cwd()), realpathSync('node_modules')] } },
  oxc: { jsx: PREACT_JSX },
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A poll waits for a condition (a browser's page catching up, a socket's event): on two cores saturated by
    // the suite, a page can take seconds to draw, and vitest's 1 s default failed conditions that held. The
    // limit only decides how long a broken condition takes to fail.
    expect: { poll: { timeout: 10_000 } },
    // The threads working beside a server's event loop (export renders, folding) keep the tests' priority: at
    // nice 19 the other test processes, all at full priority on two cores, starved them past the tests' limits.
    // The tests of that priority set it themselves (`BACKGROUND_NICE`, docs/deployment.md).
    env: { BACKGROUND_NICE: '0' },
    reporters: ['default', './test/summaryReporter.ts'],
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      { extends: true as const, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true as const,
        // Stubbed globals and variables are put back by the runner before each test, not by each file's discipline.
        test: {
          name: 'client',
          include: CLIENT_TESTS,
          exclude: ISOLATED,
          isolate: false,
          unstubGlobals: true,
          unstubEnvs: true,
        },
      },
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          include: ['{server,shared,scripts,test}/**/*.test.ts'],
          exclude: ISOLATED,
          // The PostgreSQL server of the suites of storage on PostgreSQL, one for the run (`usePostgres()`).
          globalSetup: ['test/globalSetup.ts', 'test/enginesSetup.ts'],
          ...SHARED_PROCESS,
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ON_POSTGRES,
                exclude: ENGINE_NEUTRAL,
                globalSetup: ['test/globalSetup.ts', 'test/postgresSetup.ts'],
                ...SHARED_PROCESS,
              },
            },
          ]
        : []),
    ],
  },
});
