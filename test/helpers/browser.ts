import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './server.js';

/** Debian's chromium; no browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Headless Chromium builds the address bar's popup as a web page of its own (about 200 chrome:// scripts in
  // a renderer of its own) for every new window, so for every browser context a test or a benchmark opens. A
  // person's browser has it already; here it only takes the cores from the page under test.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

const available = fs.existsSync(CHROMIUM_PATH);

/**
 * `describe` for browser tests: skipped, with a message saying how to install chromium, when it is absent
 * on a developer machine; a hard failure under CI, where the browser tests must run.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (!available) {
    if (process.env.CI)
      throw new Error(`${CHROMIUM_PATH} is missing: CI must run the browser tests (apt-get install chromium).`);
    console.warn(
      `Skipping browser tests "${name}": ${CHROMIUM_PATH} not found. Install it with: sudo apt-get update && sudo apt-get install chromium`,
    );
    describe.skip(name, fn);
    return;
  }
  describe(name, () => {
    failOnPageErrors();
    fn();
  });
}

/** An uncaught error or a console error of one page, as the browser reported it. */
interface PageError {
  page: Page;
  text: string;
}

/** Errors pages reported since the last check; the patterns each page's test declared it provokes. */
const reported: PageError[] = [];
const expectedErrors = new WeakMap<Page, RegExp[]>();
const watched = new WeakSet<Page>();

function watchPage(page: Page): void {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('pageerror', (error) => reported.push({ page, text: `uncaught ${error.name}: ${error.message}` }));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    reported.push({ page, text: `console error: ${message.text()}${where ? ` (${where})` : ''}` });
  });
}

function watchContext(context: BrowserContext): void {
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

/**
 * Declares that `page` is expected to log errors matching `pattern` (a refused request the browser logs as a
 * failed resource load, for one): they do not fail the test. Anything else the page logs still does.
 */
export function expectConsoleErrors(page: Page, pattern: RegExp): void {
  expectedErrors.set(page, [...(expectedErrors.get(page) ?? []), pattern]);
}

/**
 * Takes back what `expectConsoleErrors` declared for `page`, for a page kept for the next case: from now on
 * every error it reports fails the test again. What it reported so far is judged first, as it was declared.
 */
export function expectNoMoreConsoleErrors(page: Page): void {
  const now = reported.splice(0);
  reported.push(...now.filter(({ page: p, text }) => p !== page || !expectedErrors.get(p)?.some((e) => e.test(text))));
  expectedErrors.delete(page);
}

/** The errors reported since the last call that no test declared, each once; the record is emptied. */
export function unexpectedPageErrors(): string[] {
  const found = reported.splice(0).filter(({ page, text }) => !expectedErrors.get(page)?.some((p) => p.test(text)));
  return [...new Set(found.map(({ page, text }) => `${text} on ${pageUrl(page)}`))];
}

function pageUrl(page: Page): string {
  try {
    return new URL(page.url()).pathname;
  } catch {
    return page.url();
  }
}

/**
 * Fails each test of the block whose pages threw an uncaught error or logged a console error it did not
 * declare with `expectConsoleErrors`; what is reported between tests (closing the browser, leaving a page)
 * fails the block's last hook.
 */
function failOnPageErrors(): void {
  const check = (): void => {
    const errors = unexpectedPageErrors();
    if (errors.length > 0) throw new Error(`The browser reported errors:\n${errors.join('\n')}`);
  };
  afterAll(check); // registered first, so it runs after the block's own afterAll hooks close the browser
  afterEach(check);
}

/**
 * A test server (fresh data directory, demo conference) and the browser for the tests of one `describeBrowser`
 * block: started before them; after them (after the block's own `afterAll` hooks) the server is closed, and
 * every browser context the block opened, as closing a browser of its own would.
 */
export function useBrowserSuite(): { readonly server: TestServer; readonly browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser };
  let earlier = new Set<BrowserContext>();
  beforeAll(async () => {
    suite.server = await startTestServer();
    suite.browser = await sharedBrowser();
    earlier = new Set(suite.browser.contexts());
  });
  afterAll(async () => {
    for (const context of suite.browser?.contexts() ?? []) if (!earlier.has(context)) await context.close();
    await suite.server?.close();
  });
  return suite;
}

/** The chromium of this test process, once launched. */
let shared: Promise<Browser> | undefined;

/**
 * The chromium of this test process, launched on first use and kept for the files that follow in the same
 * worker (`isolate: false` in vitest.config.ts): a launch costs more than many tests. Each file's contexts
 * are its own; Playwright ends the browser when the process exits.
 */
export function sharedBrowser(): Promise<Browser> {
  shared ??= launchBrowser().then(
    (browser) => {
      browser.on('disconnected', () => (shared = undefined));
      return browser;
    },
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}

/**
 * Pages of a suite's people, each signed in in a context of its own, confirmation dialogs accepted; every
 * context is closed after the block, or earlier with `closeAll()` (between cases).
 */
export function usePages(suite: { readonly server: TestServer; readonly browser: Browser }): {
  open(username: string, path: string): Promise<Page>;
  closeAll(): Promise<void>;
} {
  const contexts: BrowserContext[] = [];
  const closeAll = async (): Promise<void> => {
    for (const context of contexts.splice(0)) await context.close();
  };
  afterAll(closeAll);
  return {
    async open(username, path) {
      const { context, page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', path);
      contexts.push(context);
      page.on('dialog', (dialog) => void dialog.accept());
      return page;
    },
    closeAll,
  };
}

/**
 * Launches chromium headless; Playwright gives each launch a fresh temporary profile. Every page opened in it
 * reports its uncaught errors and console errors to the check of `describeBrowser`.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    watchContext(context);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watchPage(page);
    return page;
  };
  return browser;
}

/**
 * A fresh browser context signed in as `username`, its page at `at` (the documents page unless said; blank with
 * null, for a caller that sizes the page before loading it). The
 * session comes from the API the sign-in form calls, whose answer sets the cookie in the context: loading the
 * sign-in page and walking the form cost every person a page load more, and the form is proven where it is
 * the subject (`signInByForm`: foundation.browser.test.ts, and the accessibility audit of the page).
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password = 'demo',
  at: string | null = '/',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB' });
  // Below the test's own timeout, so a step that never completes is named in the failure.
  context.setDefaultTimeout(20_000);
  const res = await context.request.post('/api/auth/login', {
    data: { username, password },
    headers: { origin: new URL(baseUrl).origin },
  });
  if (!res.ok()) throw new Error(`signing in ${username} failed: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  if (at !== null) await page.goto(at);
  return { context, page };
}

/** Signs `page` in as `username` through the sign-in form, and waits until the form has sent it on. */
export async function signInByForm(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** axe-core's script, read when a suite first audits (most browser suites never do). */
let axeSource: string | undefined;

/** WCAG 2.2 AA, the congress's own standard, and the rules below it. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Finding {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * What axe-core finds on the page as it stands: every violation, and the "needs review" results of rules
 * whose doubt is never benign here (an attribute ARIA forbids on its element).
 */
export async function audit(page: Page): Promise<string[]> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Loaded once per document: a panel opened on the page it was loaded for finds it there.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) =>
      (
        window as unknown as {
          axe: { run(options: unknown): Promise<{ violations: Finding[]; incomplete: Finding[] }> };
        }
      ).axe.run({
        runOnly: { type: 'tag', values: tags },
        // Every node only of what is reported; passes and rules that do not apply are left at their first.
        resultTypes: ['violations', 'incomplete'],
      }),
    TAGS,
  );
  const doubtful = result.incomplete.filter((r) => r.id === 'aria-prohibited-attr');
  return [...result.violations, ...doubtful].map(
    (r) =>
      `${r.id}: ${r.help} (${r.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

/**
 * Holds the page's requests that `matches` until the returned function is called: an answer or a chunk of code
 * comes as late as the test needs, after it has seen what the page shows meanwhile, and no later.
 */
export async function holdRequests(page: Page, matches: RegExp | ((url: URL) => boolean)): Promise<() => void> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(matches, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
