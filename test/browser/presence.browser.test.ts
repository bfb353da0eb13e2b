import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

/** The groups "Who is here" lists on the page, by key (a delegation's code, or `role:…`). */
const groups = (page: Page): Promise<string[]> =>
  page.locator('.presence-group').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.group ?? ''));

describeBrowser('presence on a document', () => {
  const suite = useBrowserSuite();
  const { open, closeAll } = usePages(suite);

  it('a newcomer appears in "Who is here" within 2 s of connecting, and sees those already there as fast', async () => {
    const kaz = await open('kaz-delegate', `/documents/${DOC}`);
    await kaz.locator('[data-ref="OP2"] .clause-editor').waitFor();
    await expect.poll(() => groups(kaz)).toEqual(['KAZ']);
    // Long enough for a presence that arrives only on the 15 s renewal to be told apart from one sent at once.
    await kaz.waitForTimeout(1_000);

    const gbr = await open('gbr-delegate', `/documents/${DOC}`);
    await gbr.locator('[data-ref="OP2"] .clause-editor').waitFor();
    const since = Date.now();
    await expect.poll(() => groups(kaz), { timeout: 2_000, interval: 50 }).toEqual(['GBR', 'KAZ']);
    await expect.poll(() => groups(gbr), { timeout: 2_000, interval: 50 }).toEqual(['GBR', 'KAZ']);
    expect(Date.now() - since).toBeLessThan(2_000);

    // And leaves as fast when the page closes.
    await gbr.context().close();
    await expect.poll(() => groups(kaz), { timeout: 2_000, interval: 50 }).toEqual(['KAZ']);
    await closeAll();
  }, 60_000);

  it('labels a remote caret above its line, lets clicks through, fades the name when still and shows it on a move', async () => {
    const kaz = await open('kaz-delegate', `/documents/${DOC}`);
    const gbr = await open('gbr-delegate', `/documents/${DOC}`);
    const editor = kaz.locator('[data-ref="OP4"] .clause-editor');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    await editor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' [KAZ]');

    const caret = gbr.locator('[data-ref="OP4"] .ProseMirror-yjs-cursor');
    const label = caret.locator('.remote-cursor-label');
    await expect.poll(() => label.count(), { timeout: 5_000 }).toBe(1);
    // In view: the click test below needs the label on screen.
    await caret.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const shown = (): Promise<{ opacity: string; visibility: string }> =>
      label.evaluate((el) => {
        const style = getComputedStyle(el);
        return { opacity: style.opacity, visibility: style.visibility };
      });
    expect(await shown()).toEqual({ opacity: '1', visibility: 'visible' });
    expect(await label.textContent()).toBe('Delegate, Kazakhstan · KAZ');

    // Above the caret's line, small, and a click on it reaches the text under it.
    const geometry = await caret.evaluate((el) => {
      const bar = el.getBoundingClientRect();
      const tag = el.querySelector('.remote-cursor-label')!.getBoundingClientRect();
      const hit = document.elementFromPoint(tag.left + 8, tag.top + tag.height / 2);
      return {
        gap: bar.top - tag.bottom,
        height: tag.height,
        fontSize: parseFloat(getComputedStyle(el.querySelector('.remote-cursor-label')!).fontSize),
        hit: hit?.closest('.remote-cursor-label') ? 'label' : hit?.closest('.clause-editor') ? 'text' : 'other',
      };
    });
    expect(geometry.gap).toBeGreaterThanOrEqual(-0.5);
    expect(geometry.height).toBeLessThanOrEqual(16);
    expect(geometry.fontSize).toBeLessThanOrEqual(12);
    expect(geometry.hit).toBe('text');

    // Still for two seconds: the name fades. The caret moves: it is back.
    await expect.poll(shown, { timeout: 4_000, interval: 100 }).toEqual({ opacity: '0', visibility: 'hidden' });
    expect(await caret.count()).toBe(1);
    await kaz.keyboard.press('ArrowLeft');
    await expect.poll(shown, { timeout: 1_500, interval: 50 }).toEqual({ opacity: '1', visibility: 'visible' });
    await closeAll();
  }, 60_000);
});
