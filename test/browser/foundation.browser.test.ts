import { expect, it } from 'vitest';

import {
  describeBrowser,
  expectConsoleErrors,
  signedInPage,
  signInByForm,
  useBrowserSuite,
} from '../helpers/browser.js';

describeBrowser('foundation in a browser', () => {
  const suite = useBrowserSuite();

  it('kaz-head signs in and reads the declaration with derived numbering', async () => {
    // By the form, which sends the person on to the documents page: the other suites sign in by its API.
    const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'en-GB' });
    const page = await context.newPage();
    await signInByForm(page, 'kaz-head');
    await page.getByRole('link', { name: 'Almaty Declaration on Inclusive Education' }).click();
    await page.waitForURL('**/documents/almaty-declaration');
    const api = await (await suite.server.login('kaz-head')).get('/api/documents/almaty-declaration');
    const operative = api.body.clauses.filter((c: { kind: string }) => c.kind === 'operative');
    // The address changes before the page is drawn (the route reads the document first).
    await page.locator('.clause-operative .clause-number').first().waitFor();
    const numbers = await page.locator('.clause-operative .clause-number').allTextContents();
    expect(numbers).toEqual(operative.map((_c: unknown, i: number) => `${i + 1}.`));
    expect(numbers.length).toBeGreaterThanOrEqual(14);
    // UN typography: the preambular paragraph opens with an italic participle.
    const firstPreambleLead = page.locator('.clause-preamble').first().locator('em').first();
    await expect.poll(() => firstPreambleLead.textContent()).toMatch(/^[A-Z][a-z]+/);
    const third = operative[2];
    await expect
      .poll(() => page.locator(`[data-ref="OP3"] .clause-content`).innerText())
      .toContain(third.text.split('\n')[0].slice(0, 40));
    await context.close();
  });

  it('switches the interface to Kazakh and Russian, and works by keyboard alone', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'observer');
    await page.locator('#language').selectOption('kk');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Құжаттар');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    // By keyboard: the switch keeps the focus through the re-render in the new language.
    await page.locator('#language').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Документы');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('language');
    // The choice outlives a reload. Keyboard: the skip link is the first stop and moves focus to the main
    // region, without re-rendering the page (a re-render would fetch the list again and pull focus back to the
    // region after the next Tab).
    await page.reload();
    await page.getByRole('link', { name: 'Almaty Declaration on Inclusive Education' }).waitFor();
    expect(await page.locator('h1').first().textContent()).toBe('Документы');
    const listFetches: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/documents') listFetches.push(request.url());
    });
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('href')))
      .toBe('/documents/almaty-declaration');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/documents/almaty-declaration');
    await page.locator('.clause-operative').first().waitFor();
    expect(listFetches).toEqual([]);
    // Back goes to the list again.
    await page.goBack();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Документы');
    expect(listFetches).toHaveLength(1);
    await context.close();
  });

  it('the secretariat opens a new draft by keyboard and lands in its drafting view; others see no form', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'secretariat');
    await page.getByRole('heading', { name: 'New draft' }).waitFor();
    await page.getByLabel('Title').focus();
    await page.keyboard.type('Tashkent Declaration on Inclusive Education');
    await page.keyboard.press('Tab');
    await page.keyboard.type('WIC/2027/L.1');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/documents/wic-2027-l-1');
    await expect
      .poll(() => page.locator('h1.clause-title').innerText())
      .toBe('Tashkent Declaration on Inclusive Education');
    await expect.poll(() => page.locator('.clause-operative .clause-number').allTextContents()).toEqual(['1.']);
    // The same symbol again: refused with a readable message, and the form stays.
    await page.goto('/');
    expectConsoleErrors(page, /status of 409 .*\/api\/documents\)/);
    await page.getByLabel('Title').fill('Another');
    await page.getByLabel('Document symbol').fill('WIC/2027/L.1');
    await page.getByRole('button', { name: 'Open the draft' }).click();
    await expect
      .poll(() => page.locator('.new-draft [role=status]').textContent())
      .toBe('A document with this symbol already exists.');
    await context.close();
    const delegate = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate');
    await delegate.page.getByRole('link', { name: 'Tashkent Declaration on Inclusive Education' }).waitFor();
    expect(await delegate.page.getByRole('heading', { name: 'New draft' }).count()).toBe(0);
    await delegate.context.close();
  });

  it('refuses a wrong password with a readable message and no stack trace', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url });
    const page = await context.newPage();
    expectConsoleErrors(page, /status of 401 .*\/api\/auth\/login\)/);
    await page.goto('/login');
    await page.getByLabel('Username').fill('kaz-head');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    expect(page.url()).toContain('/login');
    await context.close();
  });
});
