import { expect, it } from 'vitest';
import {
  describeBrowser,
  expectConsoleErrors,
  signedInPage,
  unexpectedPageErrors,
  useBrowserSuite,
} from '../helpers/browser.js';

/**
 * Every browser test fails on an uncaught error or a console error it did not declare (see
 * `describeBrowser`). These cases hold the check itself, and the errors it first found, to account.
 */
describeBrowser('errors in the browser', () => {
  const suite = useBrowserSuite();

  it('reports an uncaught error and an undeclared console error, and lets a declared one pass', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').waitFor();
    expectConsoleErrors(page, /\bdeclared trouble/);
    await page.evaluate(() => {
      console.error('declared trouble');
      console.error('undeclared trouble');
      setTimeout(() => {
        throw new Error('thrown later');
      });
    });
    await expect.poll(() => page.evaluate(() => new Promise((r) => setTimeout(() => r(true), 50)))).toBe(true);
    const errors = unexpectedPageErrors();
    expect(errors).toEqual(['console error: undeclared trouble on /login', 'uncaught Error: thrown later on /login']);
    await context.close();
  });

  it('a fresh visit learns from its page who is signed in: it asks nothing, and nothing is refused', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/api/')) asked.push(`${res.status()} ${url.pathname}`);
    });
    await page.goto('/documents/almaty-declaration');
    await page.waitForURL('**/login?next=%2Fdocuments%2Falmaty-declaration');
    await page.getByLabel('Username').waitFor();
    // No question of who is here, and no read of the document a visitor would be refused.
    expect(asked).toEqual([]);
    expect(unexpectedPageErrors()).toEqual([]);
    await context.close();
  });

  it('leaving a document, by Back or by a link, throws nothing from its editors', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate');
    for (const leave of [() => page.goBack(), () => page.getByRole('link', { name: 'Documents' }).first().click()]) {
      await page.getByRole('link', { name: 'Almaty Declaration on Inclusive Education' }).click();
      await page.locator('.clause-operative .ProseMirror').first().waitFor();
      await page.locator('.clause-operative .ProseMirror').first().click();
      await leave();
      await page.getByRole('link', { name: 'Almaty Declaration on Inclusive Education' }).waitFor();
      // y-prosemirror's queued transactions run on the next timer turn: give them two.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
      expect(unexpectedPageErrors()).toEqual([]);
    }
    await context.close();
  });
});
