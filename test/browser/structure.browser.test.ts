import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

/** The clause the caret is in, by its label (PP3, OP1…). */
const focusedRef = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.closest('.clause')?.getAttribute('data-ref') ?? null);

describeBrowser('structure editing in the browser', () => {
  const suite = useBrowserSuite();

  it('grows a new draft from the declaration template to 5 PP and 8 OP by keyboard alone, numbered', async () => {
    const secretariat = await suite.server.login('secretariat');
    const created = await secretariat.post('/api/documents', {
      title: 'Declaration on Open Schools',
      symbol: 'WIC/2027/L.9',
      template: 'declaration',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'secretariat');
    page.setDefaultTimeout(10_000);
    await page.goto(`/documents/${id}`);
    const firstPP = page.locator('[data-ref="PP1"] .clause-editor');
    await firstPP.waitFor();
    // The caret is put in the first paragraph once; from there on only keys are pressed.
    await firstPP.focus();
    const caretIn = async (ref: string): Promise<void> => {
      await expect.poll(() => focusedRef(page)).toBe(ref);
    };

    for (let n = 1; n <= 5; n++) {
      await page.keyboard.type(`Recognizing need ${n},`);
      await page.keyboard.press('Enter');
      await caretIn(`PP${n + 1}`);
    }
    // The sixth paragraph becomes the first operative one (Ctrl+Alt+2), before the template's empty OP1.
    await page.keyboard.press('Control+Alt+2');
    await caretIn('OP1');
    for (let n = 1; n <= 6; n++) {
      await page.keyboard.type(`Calls upon party ${n};`);
      await page.keyboard.press('Enter');
      await caretIn(`OP${n + 1}`);
    }
    await page.keyboard.type('Calls upon party 7;');
    // OP7 goes below the template's empty paragraph (Alt+↓), which is then OP7 and is filled in last.
    await page.keyboard.press('Alt+ArrowDown');
    await caretIn('OP8');
    await page.keyboard.press('Alt+PageUp');
    await caretIn('OP7');
    await page.keyboard.type('Decides to remain seized of the matter.');

    const expected = [
      ...[1, 2, 3, 4, 5].map((n) => ({ kind: 'preamble', text: `Recognizing need ${n},` })),
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ kind: 'operative', number: String(n), text: `Calls upon party ${n};` })),
      { kind: 'operative', number: '7', text: 'Decides to remain seized of the matter.' },
      { kind: 'operative', number: '8', text: 'Calls upon party 7;' },
    ];
    await expect
      .poll(async () => ((await secretariat.get(`/api/documents/${id}`)).body.clauses as { kind: string }[]).slice(1))
      .toMatchObject(expected);
    expect(await page.locator('.clause-operative .clause-number').allInnerTexts()).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '5.',
      '6.',
      '7.',
      '8.',
    ]);
    expect(await page.locator('.clause-preamble').count()).toBe(5);
    await context.close();
  });
});
