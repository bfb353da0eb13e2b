import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectConsoleErrors,
  holdRequests,
  signedInPage,
  useBrowserSuite,
} from '../helpers/browser.js';

const DOC = 'almaty-declaration';
const isExport = (url: URL): boolean => url.pathname === `/api/documents/${DOC}/export`;

describeBrowser('the export screen, in the browser', () => {
  const suite = useBrowserSuite();
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function open(username: string, path: string): Promise<Page> {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', path);
    contexts.push(context);
    return page;
  }

  it(
    'the secretariat goes from the document to the export screen and downloads the PDF under the server’s name',
    { timeout: 90_000 },
    async () => {
      const page = await open('secretariat', `/documents/${DOC}`);
      await page.getByRole('link', { name: 'Export', exact: true }).click();
      await page.getByRole('heading', { name: 'Export: Almaty Declaration on Inclusive Education' }).waitFor();
      expect(page.url()).toBe(`${suite.server.url}/documents/${DOC}/export`);
      const summary = page.locator('.export-summary');
      expect(await summary.textContent()).toContain('WIC/2025/DEC.1');
      expect(await summary.textContent()).toContain('Drafting');
      expect(await page.locator('.export-note').textContent()).toBe(
        'This text is not adopted: every format will be marked “Draft”.',
      );
      expect(await page.getByRole('radio').count()).toBe(7);
      expect(await page.getByRole('radio', { name: /^PDF/ }).isChecked()).toBe(true);

      // The server's first PDF starts its render worker, which under the test runner loads the export modules
      // from their TypeScript sources: 17 s measured on two loaded cores (a load average of 24), 2.5 s for the
      // next; the whole test took 45 s at a load average of 30. The download is waited for as long as the test
      // allows, not the page's 20 s.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 70_000 }),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^almaty-declaration-draft-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(
        fs
          .readFileSync((await download.path())!)
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Downloaded' }).textContent())
        .toContain(download.suggestedFilename());
      expect(
        (await suite.server.ctx.store.audit.entries()).findLast((e) => e.action !== 'ledger.checkpoint'),
      ).toMatchObject({ action: 'document.export', actor: 'secretariat', payload: { format: 'pdf' } });
    },
  );

  it('downloads a language version, with the original facing it in a PDF', { timeout: 60_000 }, async () => {
    const page = await open('observer', `/documents/${DOC}/export`);
    // Named apart from the page's own language switch in the header.
    await page.getByLabel('Language of the text').selectOption('kk');
    await page.getByLabel('Beside it, in a PDF').selectOption('en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^almaty-declaration-kk-en-draft-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      (await suite.server.ctx.store.audit.entries()).findLast((e) => e.action === 'document.export'),
    ).toMatchObject({ actor: 'observer', payload: { format: 'pdf', lang: 'kk' } });
  });

  it('works from the keyboard alone: version, format, download', { timeout: 60_000 }, async () => {
    const page = await open('observer', `/documents/${DOC}/export`);
    await page.getByLabel('Version to export').waitFor();
    await page.getByLabel('Version to export').focus();
    // The demo has Russian and Kazakh versions: the language, and the one beside it, come next.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-language');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-parallel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('pdf');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /^Word/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^almaty-declaration-draft-\d{4}-\d{2}-\d{2}\.docx$/);
  });

  it(
    'exports a chosen revision, shows a progress bar when the answer is slow, and says a failure in words',
    { timeout: 60_000 },
    async () => {
      const created = await (
        await suite.server.login('secretariat')
      ).post(`/api/documents/${DOC}/revisions`, { name: 'Rev.1' });
      expect(created.status).toBe(201);
      const page = await open('secretariat', `/documents/${DOC}/export`);
      await page.getByRole('heading', { name: 'What will be exported' }).waitFor();
      expect(await page.getByRole('option', { name: /^Rev\.1 \(published / }).count()).toBe(1);
      await page.getByLabel('Version to export').selectOption(created.body.id);
      await expect.poll(() => page.locator('.export-summary').textContent()).toContain('Rev.1, published');
      await page.getByRole('radio', { name: /^Markdown/ }).check();

      // The server's answer is held back until the screen has shown it is working.
      const answer = await holdRequests(page, isExport);
      const progress = page.getByRole('progressbar', { name: 'Preparing the file…' });
      expect(await progress.isVisible()).toBe(false);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download' }).click();
      // Not at once (a quick export never flashes a bar), but well before the answer comes.
      await page.waitForTimeout(300);
      expect(await progress.isVisible()).toBe(false);
      await progress.waitFor({ state: 'visible', timeout: 2000 });
      expect(await page.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
      answer();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^almaty-declaration-rev-1-\d{4}-\d{2}-\d{2}\.md$/);
      await progress.waitFor({ state: 'hidden' });
      await page.unroute(isExport);

      // A request the server refuses: the real answer to a format it does not know.
      expectConsoleErrors(page, /status of 400 .*\/export\?format=/); // the URL as the page asked it
      await page.route(isExport, (route) =>
        route.continue({ url: route.request().url().replace('format=md', 'format=exe') }),
      );
      await page.getByRole('button', { name: 'Download' }).click();
      const alert = page.locator('.export-error');
      await expect.poll(() => alert.textContent()).toBe('This format is not available.');
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await page.getByRole('button', { name: 'Download' }).isDisabled()).toBe(false);
    },
  );
  it(
    'gives the chair the meeting’s papers, the compilation table here, with the same progress and status; not a delegation',
    { timeout: 60_000 },
    async () => {
      const page = await open('chair', `/documents/${DOC}/export`);
      const panel = page.getByRole('region', { name: 'Meeting records' });
      await panel.waitFor();
      const isCompilation = (url: URL): boolean => url.pathname === `/api/documents/${DOC}/compilation`;
      const answer = await holdRequests(page, isCompilation);
      const downloading = page.waitForEvent('download');
      await panel.getByRole('button', { name: 'Compilation table of amendments, Word (DOCX)' }).press('Enter');
      await panel.getByRole('progressbar', { name: 'Preparing the file…' }).waitFor({ state: 'visible' });
      answer();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^almaty-declaration-compilation-\d{4}-\d{2}-\d{2}\.docx$/);
      await expect.poll(() => panel.getByRole('status').textContent()).toContain(download.suggestedFilename());
      expect(
        (await suite.server.ctx.store.audit.entries()).findLast((e) => e.action !== 'ledger.checkpoint'),
      ).toMatchObject({
        action: 'document.report',
        actor: 'chair',
        payload: { report: 'compilation', format: 'docx' },
      });

      const head = await open('kaz-head', `/documents/${DOC}/export`);
      await head.getByRole('heading', { name: 'What will be exported' }).waitFor();
      expect(await head.getByRole('region', { name: 'Meeting records' }).count()).toBe(0);
    },
  );
});
