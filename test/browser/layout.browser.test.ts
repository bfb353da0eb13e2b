import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

/** A signed-in page at a viewport size. */
async function openAt(browser: Browser, url: string, username: string, width: number, height: number, path: string) {
  const { context, page } = await signedInPage(browser, url, username, 'demo', null);
  await page.setViewportSize({ width, height });
  await page.goto(path);
  return { context, page };
}

/** What holds the focus, in a word: an id, a clause's ref, or the tag. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return el.dataset.ref ? `clause:${el.dataset.ref}` : el.id || el.className || el.tagName;
  });

/** Presses Tab until `done` holds, and says how many presses it took (or throws after `max`). */
async function tabUntil(page: Page, done: () => Promise<boolean>, max = 12): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await done()) return presses;
  }
  throw new Error(`not reached in ${max} Tab presses (focus on ${await focused(page)})`);
}

describeBrowser('layout and keyboard of the document page and the chair’s console', () => {
  const suite = useBrowserSuite();

  it('walks the whole story without a mouse, in few Tab stops: sign in, find a clause, comment, propose, vote', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/login');
    // The sign-in page puts the caret in the username.
    await expect.poll(() => focused(page)).toBe('username');
    // A head: the one person of a delegation who comments, proposes and casts its ballot.
    await page.keyboard.type('kaz-head');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('link', { name: 'Almaty Declaration on Inclusive Education' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.clause-editor[contenteditable="true"]').first().waitFor();
    // After the navigation the main region has the focus, without a ring drawn across the page.
    await expect.poll(() => focused(page)).toBe('main');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('main')!);
      return `${style.outlineStyle} ${style.boxShadow}`;
    });
    expect(ring).toBe('none none');

    // J steps to the next clause, K back.
    await page.keyboard.press('j');
    const first = await focused(page);
    expect(first).toMatch(/^clause:PP\d+$/);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await focused(page)).toBe(first);
    let presses = 0;
    while ((await focused(page)) !== 'clause:OP2' && presses++ < 40) await page.keyboard.press('j');
    expect(await focused(page)).toBe('clause:OP2');
    // In an editor, Alt+Page Down carries the caret to the next clause's text, and Alt+Page Up back.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref'))).toBe(
      'OP2',
    );
    await page.keyboard.press('Alt+PageDown');
    expect(
      await page.evaluate(() => [
        (document.activeElement as HTMLElement).isContentEditable,
        document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref'),
      ]),
    ).toEqual([true, 'OP3']);
    await page.keyboard.press('Alt+PageUp');
    await page.keyboard.press('Escape');

    // One Tab stop per clause for its counters: from the editor, one press reaches the comments button.
    const toComments = await tabUntil(page, async () =>
      page.evaluate(() => document.activeElement?.matches('[data-ref="OP2"] .counter-button.comments') ?? false),
    );
    expect(toComments).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(
      await page.evaluate(() => document.activeElement?.matches('[data-ref="OP2"] .counter-button.amendments')),
    ).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('clause-panel-title');
    const toBox = await tabUntil(page, async () => (await focused(page)).startsWith('comment-body-'));
    expect(toBox).toBeLessThanOrEqual(6);
    await page.keyboard.type('Said by keyboard alone.');
    await tabUntil(page, async () => (await focused(page)).endsWith('-send'), 3);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.comments-panel').textContent()).toContain('Said by keyboard alone.');
    // The focus is not dropped to the page: it is back in the box, ready for the next comment.
    await expect.poll(() => focused(page)).toMatch(/^comment-body-/);
    // Escape closes the panel and gives the focus back to the counter it was opened from.
    await page.locator('#clause-panel-title').focus();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.matches('[data-ref="OP2"] .counter-button.comments')))
      .toBe(true);

    // ? shows the keys; Escape closes the sheet and the focus returns.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(
      await page.evaluate(() => document.activeElement?.matches('[data-ref="OP2"] .counter-button.comments')),
    ).toBe(true);

    // Through the whole text: at most two stops per clause (its editor and its counters).
    const stops = await page.evaluate(() => {
      const clauses = document.querySelectorAll('.declaration [data-clause-id]').length;
      const tabbable = [
        ...document.querySelectorAll<HTMLElement>(
          '.declaration :is(a[href], button, input, select, textarea, [tabindex], [contenteditable="true"])',
        ),
      ].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
      return { clauses, tabbable: tabbable.length };
    });
    expect(stops.tabbable).toBeLessThanOrEqual(stops.clauses * 2);

    // Propose: from the comments counter, the arrow reaches the clause's amendments; the form is a few stops on.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('clause-panel-title');
    await tabUntil(page, async () => /^amend-(?!span-).+-text$/.test(await focused(page)), 20);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('*Calls upon* every State to act by keyboard alone;');
    await tabUntil(page, async () => /^amend-(?!span-).+-rationale$/.test(await focused(page)), 3);
    await page.keyboard.type('Proposed without a mouse.');
    await tabUntil(page, async () => /^amend-(?!span-).+-submit$/.test(await focused(page)), 3);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.amendments-panel').textContent()).toContain('Proposed without a mouse.');
    const chair = await suite.server.login('chair');
    const proposed = async (): Promise<string | undefined> => {
      const { amendments } = (await chair.get(`/api/documents/${DOC}/amendments`)).body as {
        amendments: { id: string; rationale: string }[];
      };
      return amendments.find((a) => a.rationale === 'Proposed without a mouse.')?.id;
    };
    await expect.poll(proposed).toBeTruthy();

    // Vote: the chair puts the amendment to the vote; the page's banner names it and leads to the ballot.
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'amendment', id: await proposed() },
      rule: 'simple_majority',
    });
    expect(vote.status).toBe(201);
    const toBallot = page.getByRole('status').getByRole('link', { name: 'amendment by Kazakhstan to OP2' });
    await toBallot.waitFor();
    await toBallot.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/delegation'));
    const ballot = page.getByRole('region', { name: 'Your delegation’s ballot' });
    await ballot.waitFor();
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.type === 'radio' ? `radio:${el.labels?.[0]?.textContent?.trim()}` : (el?.textContent?.trim() ?? '');
      });
    await tabUntil(page, async () => (await focusedName()).startsWith('radio:'), 30);
    // The arrows move among the choices; Space chooses.
    for (let presses = 0; (await focusedName()) !== 'radio:Yes' && presses < 4; presses++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await tabUntil(page, async () => (await focusedName()) === 'Cast ballot', 4);
    await page.keyboard.press('Enter');
    // The confirmation takes the focus: Enter again casts.
    await expect.poll(focusedName).toBe('Confirm');
    await page.keyboard.press('Enter');
    await expect.poll(() => ballot.locator('.own-ballot').textContent()).toBe('Cast: Yes');
    // The text goes back to drafting, where the cases below find it.
    expect((await chair.post(`/api/votes/${vote.body.id}/close`, {})).status).toBe(200);
    const back = { stage: 'drafting', reason: 'The story is told.' };
    expect((await chair.post(`/api/documents/${DOC}/stage`, back)).status).toBe(200);
    await context.close();
  }, 120_000);

  /** The delegate's page at 1440×900 from the measures below, which the pressed counter's case goes on with. */
  let at1440: Page | undefined;

  it.each([
    [1440, 900],
    [1920, 1080],
  ])(
    'at %i×%i the text is ragged right in about 70 characters, with the side sheet beside it',
    async (w, hh) => {
      const { context, page } = await openAt(
        suite.browser,
        suite.server.url,
        'kaz-delegate',
        w,
        hh,
        `/documents/${DOC}`,
      );
      await page.locator('.clause-editor[contenteditable="true"]').first().waitFor();
      await page.locator('.clause-panel').waitFor();
      const m = await page.evaluate(() => {
        const p = document.querySelector<HTMLElement>('[data-ref="OP1"] .clause-content p')!;
        const probe = document.createElement('span');
        probe.textContent = '0'.repeat(70);
        probe.style.whiteSpace = 'nowrap';
        p.append(probe);
        const seventy = probe.getBoundingClientRect().width;
        probe.remove();
        const text = document.querySelector('[data-ref="OP1"] .clause-content')!.getBoundingClientRect();
        const declaration = document.querySelector('.declaration')!.getBoundingClientRect();
        const sheet = document.querySelector('.document-sidebar')!.getBoundingClientRect();
        const first = document.querySelector('.clause-preamble')!.getBoundingClientRect();
        return {
          align: getComputedStyle(p).textAlign,
          ratio: text.width / seventy,
          gap: sheet.left - declaration.right,
          firstClause: first.top,
        };
      });
      expect(m.align).not.toBe('justify');
      expect(m.ratio).toBeLessThanOrEqual(1.02);
      expect(m.ratio).toBeGreaterThan(0.85);
      expect(m.gap).toBeGreaterThanOrEqual(0);
      expect(m.gap).toBeLessThanOrEqual(48);
      // The rows above the first clause (about 460 px) became one header.
      expect(m.firstClause).toBeLessThan(330);
      // The formatting tools show only while a clause is being edited.
      expect(await page.locator('.collab-toolbar').isVisible()).toBe(false);
      await page.locator('[data-ref="OP1"] .clause-editor').focus();
      await expect.poll(() => page.locator('.collab-toolbar').isVisible()).toBe(true);
      // The header stays on screen as the text scrolls.
      await page.mouse.wheel(0, 3000);
      await expect
        .poll(() => page.locator('.document-header').evaluate((el) => el.getBoundingClientRect().top))
        .toBe(0);
      // Under the header, whatever its height now: the side sheet, and a clause scrolled to.
      const under = await page.evaluate(() => {
        const header = document.querySelector('.document-header')!.getBoundingClientRect().bottom;
        const clause = document.querySelector<HTMLElement>('[data-ref="OP5"]')!;
        clause.scrollIntoView();
        return {
          sheet: document.querySelector('.document-sidebar')!.getBoundingClientRect().top - header,
          clause: clause.getBoundingClientRect().top - header,
        };
      });
      expect(under.sheet).toBeGreaterThanOrEqual(0);
      expect(under.clause).toBeGreaterThanOrEqual(0);
      if (w === 1440) at1440 = page;
      else await context.close();
    },
    60_000,
  );

  it('keeps the open clause’s pressed counter readable under the pointer', async () => {
    const page = at1440!;
    const counter = page.locator('[data-ref="OP1"] .counter-button.comments');
    await counter.click();
    await expect.poll(() => counter.getAttribute('aria-pressed')).toBe('true');
    await counter.hover();
    // WCAG contrast of the count against its button (opaque colours: the button has its own background).
    const contrast = await counter.evaluate((el) => {
      const luminance = (colour: string): number => {
        const [r, g, b] = colour
          .match(/\d+/g)!
          .slice(0, 3)
          .map((v) => {
            const c = Number(v) / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const style = getComputedStyle(el);
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x) as [
        number,
        number,
      ];
      return (a + 0.05) / (b + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  }, 60_000);

  // On a 360 px phone in Russian, pages scrolled sideways: the meta line under a screen's title did not wrap (the
  // compilation's date was cut), the export's terms and the admin's labels stood beside their values, the status
  // counts under "View options" were as wide as all of them, the accounts table and a list of long names were
  // wider than the screen, and "Администрирование" did not fit as a heading.
  it('fits a phone in Russian: no screen is wider than the phone, down to 320 px for the document page', async () => {
    const screens: [string, string[]][] = [
      [
        'secretariat',
        ['compilation', 'brackets', 'translate/kk', 'export', ''].map((s) => `/documents/${DOC}${s ? `/${s}` : ''}`),
      ],
      ['admin', ['/admin']],
    ];
    for (const [username, paths] of screens) {
      const context = await suite.browser.newContext({
        baseURL: suite.server.url,
        locale: 'ru-RU',
        viewport: { width: 360, height: 800 },
      });
      const signedIn = await context.request.post('/api/auth/login', {
        data: { username, password: 'demo' },
        headers: { origin: new URL(suite.server.url).origin },
      });
      expect(signedIn.ok()).toBe(true);
      const page = await context.newPage();
      for (const path of paths) {
        await page.goto(path);
        await page.locator('main h1, .document-page[data-live-text="synced"]').first().waitFor();
        // The document page with its settings shown, the widest it gets.
        if (path === `/documents/${DOC}`) await page.locator('.view-options-button').click();
        const wider = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        await expect.poll(wider, { message: path, timeout: 3000 }).toBeLessThanOrEqual(0);
        // Settled: still within the screen once what loads after the page has drawn.
        await page.waitForTimeout(500);
        expect(await wider(), path).toBeLessThanOrEqual(0);
      }
      // The narrowest phones: the current stage's long name gives way, with an ellipsis.
      if (username === 'secretariat') {
        await page.setViewportSize({ width: 320, height: 700 });
        await expect
          .poll(() => page.evaluate(() => document.documentElement.scrollWidth - innerWidth), { timeout: 3000 })
          .toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  });

  it('keeps who is signed in apart from "Sign out", on a laptop and on a phone (which hides the role between them)', async () => {
    const { context, page } = await openAt(suite.browser, suite.server.url, 'secretariat', 1280, 800, '/documents');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      const signOut = page.getByRole('button', { name: 'Sign out' });
      await signOut.waitFor();
      const who = (await page.locator('.account .who').boundingBox())!;
      const button = (await signOut.boundingBox())!;
      const apart = button.y >= who.y + who.height || button.x - (who.x + who.width) >= 6;
      expect(apart, `${width}: "Sign out" at ${button.x}, the name ends at ${who.x + who.width}`).toBe(true);
    }
    await context.close();
  });

  // Where the header scrolls away with the text, its settings took rows enough to push the first clause to
  // 606 px of an 844 px phone (679 px for the secretariat).
  it.each([
    ['kaz-delegate', 390, 844],
    ['chair', 390, 844],
    ['secretariat', 768, 1024],
  ] as const)(
    'for %s at %i×%i the text starts on the first screen: the settings fold under "View options", the notices stay',
    async (who, width, height) => {
      const { context, page } = await openAt(suite.browser, suite.server.url, who, width, height, `/documents/${DOC}`);
      const first = page.locator('.clause-preamble .clause-content').first();
      await page.locator('.document-page[data-live-text="synced"]').waitFor();
      const options = page.getByRole('button', { name: 'View options' });
      expect(await options.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('.reading-lang').isVisible()).toBe(false);
      expect((await first.boundingBox())!.y).toBeLessThan(height * 0.62);
      // What the room says is not a setting: the chair is told the text is read-only for them.
      if (who === 'chair') expect(await page.locator('.collab-readonly-banner').isVisible()).toBe(true);
      await options.focus();
      await page.keyboard.press('Enter');
      expect(await options.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => page.locator('.reading-lang').isVisible()).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('.reading-lang').isVisible()).toBe(false);
      // On a laptop the header stays on screen with its settings, and there is nothing to fold.
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(() => page.locator('.reading-lang').isVisible()).toBe(true);
      expect(await options.isVisible()).toBe(false);
      await context.close();
    },
    60_000,
  );

  it('on a phone a clause’s comments open in a bottom sheet, not below the whole document', async () => {
    const { context, page } = await openAt(
      suite.browser,
      suite.server.url,
      'kaz-delegate',
      390,
      844,
      `/documents/${DOC}`,
    );
    // Ragged right on a phone too, where justified text left the widest gaps between words.
    await page.locator('[data-ref="PP1"] .clause-content p').first().waitFor();
    expect(
      await page
        .locator('[data-ref="PP1"] .clause-content p')
        .first()
        .evaluate((p) => getComputedStyle(p).textAlign),
    ).not.toBe('justify');
    await page.locator('[data-ref="PP1"] .counter-button.comments').focus();
    await page.keyboard.press('Enter');
    await page.locator('.comments-panel').waitFor();
    const sheet = await page.locator('.document-sidebar').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, position: getComputedStyle(el).position, height: innerHeight };
    });
    expect(sheet.position).toBe('fixed');
    expect(sheet.bottom).toBeCloseTo(sheet.height, 0);
    expect(sheet.top).toBeGreaterThan(sheet.height * 0.25);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.document-sidebar').isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  describe('the chair’s console, with a vote open', () => {
    it('fits 1440×900 without scrolling; on a phone the board is a compact grid', async () => {
      const chairApi = await suite.server.login('chair');
      expect((await chairApi.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
      const doc = (await chairApi.get(`/api/documents/${DOC}`)).body;
      const op1 = doc.clauses.find((c: { ref: string }) => c.ref === 'OP1');
      const opened = await chairApi.post(`/api/documents/${DOC}/votes`, {
        subject: { type: 'clause', id: op1.id },
        rule: 'simple_majority',
      });
      expect(opened.status).toBe(201);
      await (await suite.server.login('kaz-head')).post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' });
      const op2 = doc.clauses.find((c: { ref: string }) => c.ref === 'OP2');
      const now = await chairApi.post(`/api/documents/${DOC}/now-discussing`, { clauseId: op2.id });
      expect(now.status).toBe(200);

      // The demo declaration, a vote open and a clause under discussion: every part in view, the page not scrolling.
      const wide = await openAt(suite.browser, suite.server.url, 'chair', 1440, 900, `/documents/${DOC}/chair`);
      await wide.page.locator('.vote-board .board-cell').first().waitFor();
      const fit = await wide.page.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
      expect(fit[0]).toBeLessThanOrEqual(fit[1]!);
      for (const name of ['Current item', 'Votes in progress', 'Open a vote', 'Agenda'])
        await expect(wide.page.getByRole('heading', { name, exact: true }).isVisible(), name).resolves.toBe(true);
      // The current stage and the clause under discussion are marked, never drawn like a disabled control.
      const looks = await wide.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.stepper [aria-current=step], .agenda [aria-pressed=true]')].map(
          (el) => ({ opacity: getComputedStyle(el).opacity, disabled: el.matches(':disabled') }),
        ),
      );
      expect(looks).toEqual([
        { opacity: '1', disabled: false },
        { opacity: '1', disabled: false },
      ]);
      await wide.context.close();

      const phone = await openAt(suite.browser, suite.server.url, 'chair', 390, 844, `/documents/${DOC}/chair`);
      await phone.page.locator('.vote-board .board-cell').first().waitFor();
      const rows = await phone.page.evaluate(() => {
        const cells = [...document.querySelectorAll('.vote-board .board-cell')];
        return { cells: cells.length, rows: new Set(cells.map((c) => Math.round(c.getBoundingClientRect().top))).size };
      });
      expect(rows.cells).toBe(40);
      expect(rows.rows).toBeLessThanOrEqual(10);
      await phone.context.close();
    }, 60_000);
  });
});
