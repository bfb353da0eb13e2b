import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** Whether the page needs scrolling, either way. */
const overflow = (page: Page): Promise<{ down: number; across: number }> =>
  page.evaluate(() => ({
    down: document.documentElement.scrollHeight - innerHeight,
    across: document.documentElement.scrollWidth - innerWidth,
  }));

/** Each subparagraph label's box against its text's first line, on the page laid out as it is. */
const labelOverlaps = (page: Page): Promise<{ labels: number; overlapping: string[]; counters: number }> =>
  page.locator('.projector-text').evaluate((text) => {
    const labels = [...text.querySelectorAll<HTMLElement>('.projector-sub-label')];
    const overlapping = labels.filter((label) => {
      const words = label.nextElementSibling!;
      const range = document.createRange();
      range.selectNodeContents(words);
      const line = range.getClientRects()[0]!;
      const box = label.getBoundingClientRect();
      const apart =
        box.right <= line.left || line.right <= box.left || box.bottom <= line.top || line.bottom <= box.top;
      return !apart || box.right > line.left;
    });
    // Nothing else draws a label: the schema's CSS counters give way.
    const counters = [...text.querySelectorAll('li')].filter(
      (li) => getComputedStyle(li, '::before').content !== 'none',
    );
    return {
      labels: labels.length,
      overlapping: overlapping.map((l) => l.textContent ?? ''),
      counters: counters.length,
    };
  });

/** The tiles of the board: their sizes, and whether any name is cut off across or down. */
const tiles = (page: Page) =>
  page.locator('.projector-vote .vote-board').evaluate((board) => {
    const cells = [...board.querySelectorAll<HTMLElement>('.board-cell')];
    const sizes = cells.map((c) => c.getBoundingClientRect()).map((r) => [r.width, r.height]);
    const names = cells.map((c) => c.querySelector<HTMLElement>('.board-name')!);
    const longest = names.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
    const clipped = names
      .filter((n) => n.scrollWidth > n.clientWidth || n.scrollHeight > n.clientHeight + 1)
      .map((n) => n.textContent);
    const cellsClipped = cells.filter((c) => c.scrollHeight > c.clientHeight + 1).map((c) => c.dataset.delegation);
    return {
      count: cells.length,
      widths: new Set(sizes.map(([w]) => w!.toFixed(1))).size,
      heights: new Set(sizes.map(([, hh]) => hh!.toFixed(1))).size,
      longest: longest.textContent,
      longestFits: longest.scrollWidth <= longest.clientWidth,
      clipped: [...clipped, ...cellsClipped],
      fontSize: parseFloat(getComputedStyle(longest).fontSize),
    };
  });

describeBrowser('the projector on a hall’s screen', () => {
  const suite = useBrowserSuite();

  async function projector(size: { width: number; height: number }): Promise<Page> {
    const { page } = await signedInPage(suite.browser, suite.server.url, 'observer');
    await page.setViewportSize(size);
    await page.goto(`/projector/${DOC}`);
    await page.locator('.projector').waitFor();
    return page;
  }

  it('pages a long clause to fit 16:9 screens, hangs (a) before its text, and shows a vote as equal tiles', async () => {
    const chair = await suite.server.login('chair');
    const clauses = (await chair.get(`/api/documents/${DOC}`)).body.clauses as { id: string; ref: string }[];
    const op4 = clauses.find((c) => c.ref === 'OP4')!;
    expect((await chair.post(`/api/documents/${DOC}/now-discussing`, { clauseId: op4.id })).status).toBe(200);
    const screens = await Promise.all(SCREENS.map((size) => projector(size)));

    for (const [i, page] of screens.entries()) {
      const { width, height } = SCREENS[i]!;
      const indicator = page.locator('.projector-page');
      await expect.poll(() => indicator.isVisible()).toBe(true);
      const pages = Number(await indicator.getAttribute('data-pages'));
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(await indicator.textContent()).toBe(`Page 1 of ${pages}`);
      // The stage is 16:9 and fills the screen's width (both screens are 16:9).
      const stage = (await page.locator('.projector').boundingBox())!;
      expect(stage.width).toBeCloseTo(width, 0);
      expect(stage.height).toBeCloseTo(height, 0);
      expect(await overflow(page)).toEqual({ down: 0, across: 0 });
      // Type read from the back of the hall: at least 5 % of the screen's height.
      const size = await page.locator('.projector-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(height * 0.05);
      const hung = await labelOverlaps(page);
      expect(hung.labels).toBeGreaterThanOrEqual(9);
      expect(hung.overlapping).toEqual([]);
      expect(hung.counters).toBe(0);
      await page.screenshot({ path: `/tmp/h5/projector-clause-${width}-p1.png` });

      // The remote's Page Down turns the page; the last page's text is what is on screen, and it wraps round.
      const first = await page.locator('.projector-text').evaluate((el) => el.style.transform);
      await page.keyboard.press('PageDown');
      await expect.poll(() => indicator.textContent()).toBe(`Page 2 of ${pages}`);
      expect(await page.locator('.projector-text').evaluate((el) => el.style.transform)).not.toBe(first);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `/tmp/h5/projector-clause-${width}-p2.png` });
      for (let n = 2; n <= pages; n++) await page.keyboard.press('PageDown');
      await expect.poll(() => indicator.textContent()).toBe(`Page 1 of ${pages}`);
      expect(await overflow(page)).toEqual({ down: 0, across: 0 });
    }

    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: op4.id },
      rule: 'simple_majority',
    });
    expect(opened.status).toBe(201);
    const kaz = await suite.server.login('kaz-head');
    expect((await kaz.post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' })).status).toBe(200);

    for (const [i, page] of screens.entries()) {
      const { width } = SCREENS[i]!;
      await page.locator('.projector-vote[data-status="open"]').waitFor();
      await expect.poll(() => page.locator('.board-cell[data-state="voted"]').count()).toBe(1);
      const board = await tiles(page);
      expect(board.count).toBe(40);
      expect(board).toMatchObject({ widths: 1, heights: 1, longestFits: true, clipped: [] });
      expect(board.fontSize).toBeGreaterThanOrEqual(12);
      expect(await overflow(page)).toEqual({ down: 0, across: 0 });
      await page.screenshot({ path: `/tmp/h5/projector-vote-${width}.png` });
    }
    for (const page of screens) await page.context().close();
  }, 90_000);
});
