import { expect, it } from 'vitest';
import { describeBrowser, expectConsoleErrors, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC_LINK = 'Almaty Declaration on Inclusive Education';
/** The chunk with the document's pages (client/documentRoutes.ts and the editor it imports). */
const DOCUMENT_CHUNK = /\/assets\/documentRoutes-[\w-]+\.js$/;

/** The bundle is split by route (client/main.ts): the editor loads when a document first opens. */
describeBrowser('the document pages, loaded on demand', () => {
  const suite = useBrowserSuite();

  it('are not loaded by the list, say they are loading when it takes a while, then show the document', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.reload();
    await page.getByRole('link', { name: DOC_LINK }).waitFor();
    expect(scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(false);

    await page.route(DOCUMENT_CHUNK, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole('link', { name: DOC_LINK }).click();
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor({ timeout: 1400 });
    // Grey lines where the page will be, not a lone word.
    expect(await page.locator('main .skeleton .skeleton-line').count()).toBeGreaterThan(2);
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    expect(scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(true);
    await context.close();
  });

  it('a visit that starts on a document waits for its chunk, however late it comes', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate');
    await page.route(DOCUMENT_CHUNK, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/documents/almaty-declaration');
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Page not found' }).count()).toBe(0);
    await context.close();
  });

  it('say so when the chunk cannot be loaded, and load it on "Try again"', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate');
    await page.reload();
    expectConsoleErrors(page, /ERR_CONNECTION_RESET .*documentRoutes-/);
    let fail = true;
    await page.route(DOCUMENT_CHUNK, (route) => (fail ? route.abort('connectionreset') : route.continue()));
    await page.getByRole('link', { name: DOC_LINK }).click();
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.waitFor();
    expect(await page.locator('main').innerText()).toContain('The server cannot be reached.');
    fail = false;
    await retry.click();
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    await context.close();
  });
});
