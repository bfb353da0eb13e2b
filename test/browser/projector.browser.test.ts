import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { PAGE_MS } from '../../client/views/projectorFit.js';
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
  // One evaluation that finds its elements itself: a re-render between finding and reading would leave a
  // detached element, whose boxes are all empty.
  page.evaluate(() => {
    const text = document.querySelector('.projector-text')!;
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
  page.evaluate(() => {
    const board = document.querySelector('.projector-vote .vote-board')!;
    const cells = [...board.querySelectorAll<HTMLElement>('.board-cell')];
    const sizes = cells.map((c) => c.getBoundingClientRect()).map((r) => [r.width, r.height]);
    const names = cells.map((c) => c.querySelector<HTMLElement>('.board-name')!);
    const longest = names.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
    const clipped = names
      .filter((n) => n.scrollWidth > n.clientWidth || n.scrollHeight > n.clientHeight + 1)
      .map((n) => n.textContent);
    const cellsClipped = cells.filter((c) => c.scrollHeight > c.clientHeight + 1).map((c) => c.dataset.delegation);
    // Text that spills over its tile's top or bottom edge (which scroll sizes do not count upwards).
    const spilled = cells
      .filter((c) => {
        const tile = c.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(c.querySelector('.board-name')!);
        const text = range.getBoundingClientRect();
        return text.top < tile.top - 0.5 || text.bottom > tile.bottom + 0.5;
      })
      .map((c) => c.dataset.delegation);
    return {
      count: cells.length,
      smallest: Math.min(...sizes.flat()),
      widths: new Set(sizes.map(([w]) => w!.toFixed(1))).size,
      heights: new Set(sizes.map(([, hh]) => hh!.toFixed(1))).size,
      longest: longest.textContent,
      longestFits: longest.scrollWidth <= longest.clientWidth,
      clipped: [...clipped, ...cellsClipped, ...spilled],
      fontSize: parseFloat(getComputedStyle(longest).fontSize),
    };
  });

describeBrowser('the projector on a hall’s screen', () => {
  const suite = useBrowserSuite();

  async function projector(size: { width: number; height: number }): Promise<Page> {
    const { page } = await signedInPage(suite.browser, suite.server.url, 'observer', 'demo', null);
    await page.setViewportSize(size);
    await page.goto(`/projector/${DOC}`);
    await page.locator('.projector').waitFor();
    return page;
  }

  /** The hall's screens, one page for each size: the clause the first case pages through, then the vote. */
  let screens: Page[] = [];

  it('pages a long clause to fit 16:9 screens and hangs (a) before its text', async () => {
    const chair = await suite.server.login('chair');
    const clauses = (await chair.get(`/api/documents/${DOC}`)).body.clauses as { id: string; ref: string }[];
    const op4 = clauses.find((c) => c.ref === 'OP4')!;
    expect((await chair.post(`/api/documents/${DOC}/now-discussing`, { clauseId: op4.id })).status).toBe(200);
    screens = await Promise.all(SCREENS.map((size) => projector(size)));

    for (const [i, page] of screens.entries()) {
      const { width, height } = SCREENS[i]!;
      await page.locator('.projector-clause').waitFor();
      await page.waitForTimeout(300);
      // Soft: every break of the screen is reported at once.
      // The stage is 16:9 and fills the screen (both screens are 16:9); nothing scrolls.
      const stage = (await page.locator('.projector').boundingBox())!;
      expect.soft([Math.round(stage.width), Math.round(stage.height)]).toEqual([width, height]);
      expect.soft(await overflow(page)).toEqual({ down: 0, across: 0 });
      // Type read from the back of the hall: at least 5 % of the screen's height.
      const size = await page.locator('.projector-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect.soft(size).toBeGreaterThanOrEqual(height * 0.05);
      const hung = await labelOverlaps(page);
      expect.soft(hung).toEqual({ labels: 11, overlapping: [], counters: 0 });

      const indicator = page.locator('.projector-page');
      await expect.poll(() => indicator.isVisible()).toBe(true);
      const pages = Number(await indicator.getAttribute('data-pages'));
      expect(pages).toBeGreaterThanOrEqual(2);
      const at = async (): Promise<number> => Number(await indicator.getAttribute('data-page'));
      const next = (n: number): number => (n % pages) + 1;
      expect(await indicator.textContent()).toBe(`Page ${await at()} of ${pages}`);

      // The remote's Page Down turns the page (and holds the timer off), Page Up turns it back; it wraps round.
      const transform = (): Promise<string> => page.locator('.projector-text').evaluate((el) => el.style.transform);
      const shown = new Set<string>();
      const start = await at();
      for (let n = 0; n < pages; n++) {
        const from = await at();
        shown.add(await transform());
        await page.keyboard.press('PageDown');
        await expect.poll(at).toBe(next(from));
      }
      expect(await at()).toBe(start);
      expect(shown.size).toBe(pages);
      await page.keyboard.press('PageDown');
      await page.keyboard.press('PageUp');
      await expect.poll(at).toBe(start);
      await page.waitForTimeout(500);
      // Left alone, the pages turn by themselves.
      if (i === 0) await expect.poll(at, { timeout: PAGE_MS + 3_000 }).toBe(next(start));
      expect(await overflow(page)).toEqual({ down: 0, across: 0 });
    }
  }, 90_000);

  it('shows a vote as a grid of equal tiles, every name whole, on the same screens', async () => {
    const chair = await suite.server.login('chair');
    const clauses = (await chair.get(`/api/documents/${DOC}`)).body.clauses as { id: string; ref: string }[];
    const op4 = clauses.find((c) => c.ref === 'OP4')!;
    // The same screens go on from the clause to the vote, as they do in the hall.
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: op4.id },
      rule: 'simple_majority',
    });
    expect(opened.status).toBe(201);
    const kaz = await suite.server.login('kaz-head');
    expect((await kaz.post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' })).status).toBe(200);

    for (const page of screens) {
      await page.locator('.projector-vote[data-status="open"]').waitFor();
      await expect.poll(() => page.locator('.board-cell[data-state="voted"]').count()).toBe(1);
      const board = await tiles(page);
      expect(board.count).toBe(40);
      expect.soft(board).toMatchObject({ widths: 1, heights: 1, longestFits: true, clipped: [] });
      expect.soft(board.fontSize).toBeGreaterThanOrEqual(12);
      expect.soft(board.smallest).toBeGreaterThan(50);
      expect.soft(await overflow(page)).toEqual({ down: 0, across: 0 });
    }

    // Closed: the result above the board of choices, still on one screen.
    expect((await chair.post(`/api/votes/${opened.body.id}/close`)).status).toBe(200);
    for (const page of screens) {
      await page.locator('.projector-vote[data-status="closed"] .projector-result').waitFor();
      await page.waitForTimeout(300);
      const board = await tiles(page);
      expect.soft(board).toMatchObject({ count: 40, widths: 1, heights: 1, longestFits: true, clipped: [] });
      expect.soft(await overflow(page)).toEqual({ down: 0, across: 0 });
    }
    for (const page of screens) await page.context().close();
  }, 90_000);
});
