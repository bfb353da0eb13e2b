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
    const { context, page } = await signedInPage(
      suite.browser,
      suite.server.url,
      'secretariat',
      'demo',
      `/documents/${id}`,
    );
    page.setDefaultTimeout(10_000);
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

  it('merges with Backspace, deletes with an undo, inserts from the toolbar and moves by drag; a delegate sees none of it', async () => {
    const secretariat = await suite.server.login('secretariat');
    const created = await secretariat.post('/api/documents', {
      title: 'Declaration on Libraries',
      symbol: 'WIC/2027/L.10',
      clauses: [
        { kind: 'preamble', text: 'Noting the libraries,' },
        { kind: 'operative', text: 'Urges all States;' },
        { kind: 'operative', text: 'to open them;' },
        { kind: 'operative', text: 'Requests a report.' },
      ],
    });
    const id = created.body.id as string;
    const clauses = async (): Promise<{ kind: string; text: string }[]> =>
      ((await secretariat.get(`/api/documents/${id}`)).body.clauses as { kind: string; text: string }[])
        .slice(1)
        .map(({ kind, text }) => ({ kind, text }));
    const { context, page } = await signedInPage(
      suite.browser,
      suite.server.url,
      'secretariat',
      'demo',
      `/documents/${id}`,
    );
    page.setDefaultTimeout(10_000);
    const editor = (ref: string) => page.locator(`[data-ref="${ref}"] .clause-editor`);
    await editor('OP2').waitFor();

    // Backspace at the start of OP2 joins it to OP1, the caret where they meet.
    await editor('OP2').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Backspace');
    await expect.poll(clauses).toEqual([
      { kind: 'preamble', text: 'Noting the libraries,' },
      { kind: 'operative', text: 'Urges all States;to open them;' },
      { kind: 'operative', text: 'Requests a report.' },
    ]);
    await expect.poll(() => focusedRef(page)).toBe('OP1');

    // Deleted from the keyboard; the toast's Undo has the focus, and Enter brings the clause back.
    await page.keyboard.press('Control+Alt+Backspace');
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(async () => (await clauses()).length).toBe(2);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await clauses())[1])
      .toEqual({ kind: 'operative', text: 'Urges all States;to open them;' });
    await expect.poll(() => focusedRef(page)).toBe('OP1');

    // The toolbar: a heading inserted before OP1.
    await page.getByLabel('Kind of the new clause').selectOption('heading');
    await editor('OP1').focus();
    await page.getByRole('button', { name: 'Insert a new clause before this one' }).click();
    await expect
      .poll(async () => (await clauses()).map((c) => c.kind))
      .toEqual(['preamble', 'heading', 'operative', 'operative']);

    // Dragging OP2's handle onto the top half of OP1 puts it first among the operative paragraphs.
    await page.locator('.clause.clause-heading').waitFor();
    const target = page.locator('[data-ref="OP1"]');
    const box = (await target.boundingBox())!;
    const from = (await page.locator('[data-ref="OP2"] .clause-drag').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 4, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await clauses()).map((c) => c.text))
      .toEqual(['Noting the libraries,', '', 'Requests a report.', 'Urges all States;to open them;']);
    await context.close();

    const delegate = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', `/documents/${id}`);
    await delegate.page.locator('[data-ref="OP1"] .clause-editor').waitFor();
    expect(await delegate.page.locator('.structure-toolbar, .clause-drag').count()).toBe(0);
    await delegate.context.close();
  });
});
