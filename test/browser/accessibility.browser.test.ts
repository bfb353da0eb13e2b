import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { audit, describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';
describeBrowser('accessibility (axe-core, WCAG 2.2 AA)', () => {
  const suite = useBrowserSuite();

  /** Signs in, opens `path`, waits for `ready`, runs `then` (to open a panel…) and audits. */
  async function findings(username: string, path: string, ready: string, then?: (page: Page) => Promise<void>): Promise<string[]> {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, username);
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
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'observer');
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
