import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  describeBrowser,
  expectConsoleErrors,
  holdRequests,
  signedInPage,
  useBrowserSuite,
} from '../helpers/browser.js';

const DOC_LINK = 'Almaty Declaration on Inclusive Education';
/** The chunk with the document's pages (client/documentRoutes.ts and the editor it imports). */
const DOCUMENT_CHUNK = /\/assets\/documentRoutes-[\w-]+\.js$/;
/** Chunks a document page does not load until they are used: the export screen, the Russian strings. */
const EXPORT_CHUNK = /\/assets\/ExportView-[\w-]+\.js$/;
const RUSSIAN_CHUNK = /\/assets\/ru-[\w-]+\.js$/;
/** The clause panel (comments, amendments and their forms), loaded when a panel first opens. */
const PANEL_CHUNK = /\/assets\/NegotiationPanel-[\w-]+\.js$/;

/** The scripts a page asks for from now on, by path. */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

/** The bundle is split by route (client/main.ts): the editor loads when a document first opens. */
describeBrowser('the document pages, loaded on demand', () => {
  const suite = useBrowserSuite();

  it('are not loaded by the list, say they are loading when it takes a while, then show the document', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    const scripts = scriptsOf(page);
    await page.goto('/');
    await page.getByRole('link', { name: DOC_LINK }).waitFor();
    expect(scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(false);

    // The chunk is held until the page has said it is loading: what it shows meanwhile is seen before it comes.
    const documentArrives = await holdRequests(page, DOCUMENT_CHUNK);
    await page.getByRole('link', { name: DOC_LINK }).click();
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    // Grey lines where the page will be, not a lone word.
    expect(await page.locator('main .skeleton .skeleton-line').count()).toBeGreaterThan(2);
    documentArrives();
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    expect(scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(true);

    // The counters beside each clause are drawn without the panel's code, which comes when one is opened.
    await page.locator('.counter-button.comments').first().waitFor();
    expect(scripts.filter((s) => PANEL_CHUNK.test(s))).toEqual([]);
    const panelArrives = await holdRequests(page, PANEL_CHUNK);
    await page.locator('.counter-button.comments').first().click();
    await page.locator('.clause-panel [role="status"]').filter({ hasText: 'Loading…' }).waitFor();
    panelArrives();
    await page.getByRole('tab', { name: 'Comments' }).waitFor();
    expect(scripts.some((s) => PANEL_CHUNK.test(s))).toBe(true);

    // The screens a document page only links to, and the other languages' words, arrive on first use.
    expect(scripts.filter((s) => EXPORT_CHUNK.test(s) || RUSSIAN_CHUNK.test(s))).toEqual([]);
    await page.locator('#language').selectOption('ru');
    await page.getByRole('link', { name: 'Документы', exact: true }).waitFor();
    expect(scripts.some((s) => RUSSIAN_CHUNK.test(s))).toBe(true);
    await page.getByRole('link', { name: 'Экспорт' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Almaty' }).waitFor();
    expect(scripts.some((s) => EXPORT_CHUNK.test(s))).toBe(true);
    await context.close();
  });

  it('from the list: the code loads under the pointer, the text and the live copy travel while it arrives', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    const scripts = scriptsOf(page);
    const reads: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/documents/almaty-declaration') reads.push(url.search);
    });
    const sockets: string[] = [];
    page.on('websocket', (ws) => {
      if (ws.url().includes('/collab/')) sockets.push(new URL(ws.url()).pathname);
    });
    await page.goto('/');
    const link = page.getByRole('link', { name: DOC_LINK });
    await link.waitFor();
    const documentArrives = await holdRequests(page, DOCUMENT_CHUNK);
    expect(scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(false);
    // The pointer over the link: the chunk is asked for before any click.
    await link.hover();
    await expect.poll(() => scripts.some((s) => DOCUMENT_CHUNK.test(s))).toBe(true);
    // The click, while the chunk is still on its way: the text is read and the copy's socket opened meanwhile.
    await link.click();
    await expect.poll(() => reads).toEqual(['?include=content']);
    await expect.poll(() => sockets).toEqual(['/collab/almaty-declaration']);
    expect(await page.locator('.clause-content').count()).toBe(0);
    documentArrives();
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    // The page took both: one read, one socket.
    expect(reads).toEqual(['?include=content']);
    expect(sockets).toEqual(['/collab/almaty-declaration']);
    expect(scripts.filter((s) => DOCUMENT_CHUNK.test(s))).toHaveLength(1);
    await context.close();
  });

  it('a link to a comment opens its clause’s panel, loading the panel’s code, and shows the comment', async () => {
    const api = await suite.server.login('kaz-delegate');
    const doc = (await api.get('/api/documents/almaty-declaration')).body as { clauses: { id: string; ref: string }[] };
    const op2 = doc.clauses.find((c) => c.ref === 'OP2')!.id;
    const posted = await api.post('/api/documents/almaty-declaration/comments', { clauseId: op2, body: 'Linked to.' });
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    const scripts = scriptsOf(page);
    await page.goto(`/documents/almaty-declaration#comment-${posted.body.id}`);
    await page.locator(`#comment-${posted.body.id}`).filter({ hasText: 'Linked to.' }).waitFor();
    expect(await page.locator('#clause-panel-title').innerText()).toBe('OP2');
    expect(scripts.some((s) => PANEL_CHUNK.test(s))).toBe(true);
    await context.close();
  });

  it('shows the text as the server sent it while the live copy syncs, then mounts the editors on the copy', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    // What the collab server sends is held back: the page has its text, not yet its live copy.
    let holding = true;
    const held: (string | Buffer)[] = [];
    let release = (): void => undefined;
    await page.routeWebSocket(/\/collab\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
      release = () => {
        holding = false;
        for (const message of held.splice(0)) ws.send(message);
      };
    });
    await page.goto('/documents/almaty-declaration');
    const lastClause = page.locator('.clause-content').last();
    await expect.poll(() => lastClause.innerText()).toMatch(/\w/);
    expect(await page.locator('.clause-content.clause-editor').count()).toBe(0);
    const shown = await page.locator('[data-ref="OP1"] .clause-content').innerText();

    release();
    // Every clause an editor in the end: the first ones reached for or in idle time, the last ones after them.
    await page.locator('.document-page[data-editors="mounted"]').waitFor();
    expect(await page.locator('.clause-content:not(.clause-editor)').count()).toBe(0);
    expect(await page.locator('[data-ref="OP1"] .clause-editor').innerText()).toBe(shown);
    await context.close();
  });

  it('a first visit shows the text the server drew before any script has run, until the page replaces it', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    await page.setViewportSize({ width: 1440, height: 900 });
    const scriptsArrive = await holdRequests(page, /\/assets\/[\w-]+\.js$/);
    await page.goto('/documents/almaty-declaration', { waitUntil: 'commit' });
    const look = page.locator('#first-look');
    const preamble = look.locator('.k-preamble .first-look-body').first();
    await preamble.waitFor();
    expect(await look.innerText()).toContain('Almaty Declaration on Inclusive Education');
    expect(await look.getAttribute('aria-hidden')).toBe('true');
    // No script has run: the page itself is not drawn, and nothing says "loading" over the text.
    expect(await page.locator('.clause, main').count()).toBe(0);
    const drawn = (await preamble.boundingBox())!;
    scriptsArrive();
    await page.locator('.document-page[data-live-text="synced"]').waitFor();
    expect(await look.count()).toBe(0);
    // The page draws the clause where the first look had it.
    const live = (await page.locator('.clause-preamble .clause-content').first().boundingBox())!;
    expect(Math.abs(live.x - drawn.x)).toBeLessThan(2);
    expect(Math.abs(live.y - drawn.y)).toBeLessThan(16);
    await context.close();
  });

  // The page's headers wrap as the window narrows, and hold more for some roles: the first look leaves them room
  // at every width, so that the text does not jump when the page replaces it (it jumped 264 px on a tablet).
  it.each([
    ['kaz-delegate', [360, 480, 600, 700, 820, 960, 1100, 1220, 1440], 64],
    ['chair', [390, 1280, 1440], 48],
    ['secretariat', [390, 1280, 1440], 48],
  ] as const)(
    "a first visit's text lands where the page draws it, for %s, at every width",
    async (who, widths, within) => {
      const { context, page } = await signedInPage(suite.browser, suite.server.url, who, 'demo', null);
      const sent = await (await page.goto('/documents/almaty-declaration'))!.text();
      await page.locator('.document-page[data-live-text="synced"]').waitFor();
      // The first look the server sent, put back beside the page drawn (it is laid out on its own, from the top).
      const look = sent.slice(sent.indexOf('<div id="first-look"'), sent.indexOf('</body>'));
      await page.evaluate((html) => {
        const template = document.createElement('template');
        template.innerHTML = html;
        document.body.append(template.content);
      }, look);
      const offset = (): Promise<number[]> =>
        page.evaluate(() => {
          const drawn = document.querySelector('.clause-preamble .clause-content')!.getBoundingClientRect();
          const sent = document.querySelector('#first-look .k-preamble .first-look-body')!.getBoundingClientRect();
          return [Math.round(drawn.top - sent.top), Math.round(drawn.left - sent.left)];
        });
      for (const width of widths) {
        await page.setViewportSize({ width, height: 900 });
        // Once the page has settled at this width (its headers follow who is here and the window's size).
        await expect
          .poll(async () => ({ width, ...(await offset()) }))
          .toSatisfy(({ 0: down, 1: right }) => Math.abs(down!) <= within && Math.abs(right!) <= 1);
      }
      await context.close();
    },
  );

  it('a first visit whose code cannot be loaded says so in place of the first look', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    expectConsoleErrors(page, /ERR_CONNECTION_RESET|documentRoutes-/);
    await page.route(DOCUMENT_CHUNK, (route) => route.abort('connectionreset'));
    const sent = await page.goto('/documents/almaty-declaration');
    expect(await sent!.text()).toContain('id="first-look"');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await page.locator('#first-look').count()).toBe(0);
    await context.close();
  });

  it("asks for a document's text once, as the page arrives: the entry takes the read the page hinted", async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    const reads: string[] = [];
    const warnings: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/documents/almaty-declaration') && url.searchParams.has('include'))
        reads.push(url.search);
    });
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // The entry is held: the text is asked for before any of the page's code has run.
    const entryArrives = await holdRequests(page, /\/assets\/index-[\w-]+\.js$/);
    const visit = page.goto('/documents/almaty-declaration');
    await expect.poll(() => reads).toEqual(['?include=content']);
    entryArrives();
    await visit;
    await page.locator('.clause-operative .clause-editor').first().waitFor();
    // One request for the original: the browser's, started by the page's hint, taken by the entry's read.
    expect(reads).toEqual(['?include=content']);

    // A version kept on this device from an earlier visit: the server hinted the original all the same, and the
    // entry takes that read too, so the browser has no unused preload to warn of; the version is read besides.
    await page.evaluate(() =>
      localStorage.setItem('accord.reading.almaty-declaration', JSON.stringify({ lang: 'ru', parallel: false })),
    );
    reads.length = 0;
    await page.goto('/documents/almaty-declaration');
    await page.locator('.clause-operative .clause-content').first().waitFor();
    expect(reads.sort()).toEqual(['?include=content', '?include=content&lang=ru']);
    // Chromium warns of a preload left unused 3 s after the page's load.
    await page.waitForTimeout(3500);
    expect(warnings.filter((w) => w.includes('preload'))).toEqual([]);
    await context.close();
  });

  it('a visit that starts on a document waits for its chunk, however late it comes', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
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
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    await page.goto('/');
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
