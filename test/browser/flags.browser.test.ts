import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

/** Regional indicator letters: emoji flags, which draw as empty boxes where no emoji font is installed. */
const EMOJI_FLAG = /[\u{1F1E6}-\u{1F1FF}]/u;

/** Every flag on the page: its code, whether its image has loaded with a width, and where it came from. */
function flagsOn(page: Page): Promise<{ code: string; text: string; loaded: boolean; src: string }[]> {
  return page.locator('.flag').evaluateAll((els) =>
    els.map((el) => {
      const img = el.querySelector('img');
      return {
        code: el.getAttribute('data-code') ?? '',
        text: el.textContent ?? '',
        loaded: !!img && img.complete && img.naturalWidth > 0,
        src: img?.getAttribute('src') ?? '',
      };
    }),
  );
}

/** Waits until every flag image in view has loaded (they load lazily, one file each). */
async function flagsLoaded(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await flagsOn(page)).filter((f) => f.loaded).length, { timeout: 15_000 }).toBe(count);
}

/** The fonts Chromium used to draw a node's text (DevTools' "Rendered fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

describeBrowser('flags drawn from files, on any system', () => {
  const suite = useBrowserSuite();
  const { open } = usePages(suite);

  beforeAll(async () => {
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const doc = (await chair.get(`/api/documents/${DOC}`)).body as { clauses: { id: string; ref: string }[] };
    const op1 = doc.clauses.find((c) => c.ref === 'OP1')!;
    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: op1.id },
      rule: 'simple_majority',
    });
    expect(vote.status).toBe(201);
  });

  it('the projector board draws all 40 flags as images, each with its code as text', { timeout: 60_000 }, async () => {
    const page = await open('observer', `/projector/${DOC}`);
    await page.locator('.vote-board .flag').first().waitFor();
    await flagsLoaded(page, 40);
    const flags = await flagsOn(page);
    expect(flags).toHaveLength(40);
    for (const f of flags) {
      expect(f.text).toBe(f.code);
      expect(f.src).toMatch(/\/assets\/[a-z]{2}-[\w-]+\.svg$/);
    }
    expect(await page.locator('.vote-board').textContent()).not.toMatch(EMOJI_FLAG);
    // No font is asked to draw a flag: the code is plain text in the page's own font.
    const fonts = await renderedFonts(page, '.vote-board .flag');
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.join(' ')).not.toMatch(/emoji/i);
  });

  it('serves a flag as an SVG file from this server, cached for good, under a CSP that allows no other host', async () => {
    const page = await open('observer', `/projector/${DOC}`);
    const src = (await page.locator('.vote-board .flag img').first().getAttribute('src'))!;
    expect(src).toMatch(/^\/assets\//);
    const res = await fetch(suite.server.url + src);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await res.text()).startsWith('<svg')).toBe(true);
    const csp = (await fetch(suite.server.url + '/')).headers.get('content-security-policy') ?? '';
    expect(/(?:^|;)\s*img-src ([^;]*)/.exec(csp)?.[1]?.trim()).toBe("'self' data:");
  });

  it("the delegation page's heading and the chair's board show the flag image", { timeout: 60_000 }, async () => {
    const head = await open('kaz-head', `/documents/${DOC}/delegation`);
    const heading = head.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toMatch(/^KAZ\b/);
    await expect
      .poll(() => heading.locator('.flag img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await heading.textContent()).not.toMatch(EMOJI_FLAG);

    const chair = await open('chair', `/documents/${DOC}/chair`);
    await chair.locator('.vote-board .flag').first().waitFor();
    const board = await chair.locator('.vote-board .flag').count();
    expect(board).toBe(40);
    // Lazy images load as they come into view: those on the first screen are drawn.
    const first = chair.locator('.vote-board .flag img').first();
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });
});
