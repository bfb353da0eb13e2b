import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeBrowser, launchBrowser, signedInPage } from '../helpers/browser.js';

const DOC = 'almaty-declaration';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
async function audit(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(options: unknown): Promise<{ violations: Finding[]; incomplete: Finding[] }> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
      }),
    TAGS,
  );
  const doubtful = result.incomplete.filter((r) => r.id === 'aria-prohibited-attr');
  return [...result.violations, ...doubtful].map((r) => `${r.id}: ${r.help} (${r.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

describeBrowser('accessibility (axe-core, WCAG 2.2 AA)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Signs in, opens `path`, waits for `ready`, runs `then` (to open a panel…) and audits. */
  async function findings(username: string, path: string, ready: string, then?: (page: Page) => Promise<void>): Promise<string[]> {
    const { context, page } = await signedInPage(browser, server.url, username);
    try {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await then?.(page);
      return await audit(page);
    } finally {
      await context.close();
    }
  }

  it('the sign-in page', async () => {
    const { context, page } = await signedInPage(browser, server.url, 'observer');
    await context.clearCookies();
    await page.goto('/login');
    await page.getByLabel('Username').waitFor();
    expect(await audit(page)).toEqual([]);
    await context.close();
  });

  it.each([
    ['the documents list', 'kaz-delegate', '/', 'main a[href^="/documents/"]'],
    ['a delegation’s view', 'kaz-head', `/documents/${DOC}/delegation`, 'main h1'],
    ['the chair’s console', 'chair', `/documents/${DOC}/chair`, 'main h1'],
    ['the projector', 'observer', `/projector/${DOC}`, 'h1'],
    ['the compilation of amendments', 'secretariat', `/documents/${DOC}/compilation`, 'main h1'],
    ['revisions', 'secretariat', `/documents/${DOC}/revisions`, 'main h1'],
    ['the export', 'secretariat', `/documents/${DOC}/export`, 'main h1'],
    ['administration', 'admin', '/admin', 'main h1'],
  ])('%s', async (_name, username, path, ready) => {
    expect(await findings(username, path, ready)).toEqual([]);
  });

  it('the document as a delegate edits it, with a clause’s amendments open', async () => {
    const found = await findings('kaz-delegate', `/documents/${DOC}`, '.clause-editor[contenteditable="true"]', async (page) => {
      await page.locator('[data-ref="OP1"] .counter-button.amendments').click();
      await page.locator('.amendment-text').waitFor();
    });
    expect(found).toEqual([]);
  });

  it('the document as an observer reads it, in Kazakh, with a clause’s comments open', async () => {
    const found = await findings('observer', `/documents/${DOC}`, '.clause-editor', async (page) => {
      await page.locator('#language').selectOption('kk');
      await page.locator('html[lang="kk"]').waitFor();
      await page.locator('[data-ref="OP2"] .counter-button.comments').click();
      await page.locator('.comments-panel').waitFor();
    });
    expect(found).toEqual([]);
  });
});
