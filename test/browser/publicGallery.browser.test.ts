import { afterAll, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { audit, describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';
import { stockProvider, syncedProvider, typeInto } from '../helpers/collabClient.js';
import { freshDocument } from '../helpers/documents.js';

describeBrowser('the public gallery', () => {
  const suite = useBrowserSuite();
  const pages = usePages(suite);
  let typist: WebsocketProvider | undefined;
  afterAll(() => typist?.destroy());

  it('the chair publishes from the console; the public page follows an edit live, on a phone, and passes axe', async () => {
    const { id, clauses } = await freshDocument(suite.server, 'drafting');
    const console = await pages.open('chair', `/documents/${id}/chair`);
    const toggle = console.getByRole('switch', { name: 'Publish to the public gallery' });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    await toggle.focus();
    await console.keyboard.press('Space');
    await console.getByRole('link', { name: 'Open the public page' }).waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect(await audit(console)).toEqual([]);

    // No account: a context of its own, as a phone in the room would be, in Russian.
    const context = await suite.browser.newContext({
      baseURL: suite.server.url,
      locale: 'ru-RU',
      viewport: { width: 390, height: 844 },
    });
    const reader = await context.newPage();
    await reader.goto(`/public/${id}`);
    await reader.getByText('В прямом эфире').waitFor();
    expect(await reader.locator('html').getAttribute('lang')).toBe('ru');
    expect(await context.cookies()).toEqual([]);
    expect(await audit(reader)).toEqual([]);
    const across = await reader.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(across).toBeLessThanOrEqual(0);

    typist = stockProvider(suite.server.url, id, (await suite.server.login('secretariat')).cookie!);
    await syncedProvider(typist);
    const started = Date.now();
    typeInto(typist.doc, clauses[2]!, ' Without delay.');
    const clause = reader.locator(`#c-${clauses[2]}`);
    await clause.getByText('Without delay.').waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(2500);
    await expect.poll(() => clause.locator('.num').textContent()).toBe('1.');
    expect(await audit(reader)).toEqual([]);

    // Withdrawn: the page says so instead of going on showing a text that is no longer public.
    await toggle.focus();
    await console.keyboard.press('Space');
    await reader.getByText('Эта страница больше не открыта.').waitFor();
    await context.close();
  });
});
