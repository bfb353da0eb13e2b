import { defineConfig } from 'vitest/config';

/**
 * One runner for every test: unit tests beside the code (`*.test.ts`), HTTP and socket integration tests
 * against real servers on port 0, and browser tests (`*.browser.test.ts`) driving Debian's chromium.
 * Two workers match the two cores the suite is sized for.
 */
export default defineConfig({
  test: {
    include: ['{server,shared,client,scripts,test}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summaryReporter.ts'],
    globalSetup: ['test/globalSetup.ts'],
  },
});
