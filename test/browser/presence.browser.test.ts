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
});
