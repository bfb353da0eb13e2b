import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { LANGUAGES, type Language } from '../../shared/domain/countries.js';

import {
  audit,
  describeBrowser,
  expectConsoleErrors,
  expectNoMoreConsoleErrors,
  signedInPage,
  useBrowserSuite,
} from '../helpers/browser.js';
import { FINISHED_TEXT, freshDocument } from '../helpers/documents.js';

const DOC = 'almaty-declaration';

/** Two States of the demo conference whose UN short names differ from the everyday ones, as the UN writes them. */
const UN_NAMES: Record<Language, string[]> = {
  en: ['Republic of Korea', 'Viet Nam'],
  ru: ['Республика Корея', 'Вьетнам'],
  kk: [],
};

/** The demo accounts' usernames, which a page shows only where it has no person's name to show. */
const USERNAMES = /\b(secretariat|chair|admin|observer|[a-z]{3}-(head|delegate))\b/;

/**
 * Words a page in Russian or Kazakh should not show, on screen or to a screen reader: an account's username
 * where a person's name belongs, or an English word of the interface left untranslated ("Title"). Left out:
 * the declaration's own English text, and the lists to choose an account from, which name each account by its
 * person's name and its username so that two people of one name can be told apart.
 */
async function strayWords(page: Page, language: string, usernames = true): Promise<string[]> {
  if (language === 'en') return [];
  const text = await page.evaluate(() => {
    // The names given to assistive technology, the editors' too ("OP1, operative paragraph: text").
    const labels = [...document.body.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
    );
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll('.clause-content, .clause-editor, .clause-title, .comment-body, .amendment-text, select')
      .forEach((el) => el.remove());
    return [copy.innerText, ...labels].join('\n');
  });
  const found: string[] = [];
  const username = USERNAMES.exec(text);
  if (usernames && username) found.push(`a username is shown: "${username[0]}"`);
  const title = /\bTitle\b/.exec(text);
  if (title) found.push(`an English word is shown: "${title[0]}"`);
  return found;
}

describeBrowser('accessibility (axe-core, WCAG 2.2 AA)', () => {
  const suite = useBrowserSuite();

  /**
   * One page per person for the whole file, signed in once (the visitor, `null`, is signed in as nobody): a
   * new context costs the browser seconds of loading the application afresh, a page change a fraction of it.
   * It opens blank: every use loads the screen it audits.
   */
  const pages = new Map<string, Page>();
  const pageOf = async (username: string | null): Promise<Page> => {
    let page = pages.get(username ?? '');
    if (!page) {
      page = username
        ? (await signedInPage(suite.browser, suite.server.url, username, 'demo', null)).page
        : await (await suite.browser.newContext({ baseURL: suite.server.url, locale: 'en-GB' })).newPage();
      pages.set(username ?? '', page);
    }
    return page;
  };

  /**
   * Opens `path` as `username`, in the browser's language whatever the page was left in, waits for `ready`,
   * runs `then` (to open a panel…) and audits. Errors `then` declares it provokes are expected of this page only while it runs.
   */
  async function findings(
    username: string,
    path: string,
    ready: string,
    then?: (page: Page) => Promise<void>,
  ): Promise<string[]> {
    const page = await pageOf(username);
    try {
      // The language a new context would show: the one chosen earlier is forgotten (client/i18n/index.ts). A
      // page not loaded yet has chosen none, and has no storage to read.
      if (page.url() !== 'about:blank') await page.evaluate(() => localStorage.removeItem('accord.language'));
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await then?.(page);
      return await audit(page);
    } finally {
      expectNoMoreConsoleErrors(page);
    }
  }

  it('the sign-in page', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'observer');
    // The list has been read before the session goes: a request cut off by the cleared cookie would be a 401.
    await page.locator('main a[href^="/documents/"]').first().waitFor();
    await context.clearCookies();
    await page.goto('/login');
    await page.getByLabel('Username').waitFor();
    expect(await audit(page)).toEqual([]);
    await context.close();
  }, 60_000);

  describe('every screen, in English, Russian and Kazakh', () => {
    let doc: { id: string; clauses: string[] };

    /** A text with something on every screen: a comment, an amendment under a vote, a revision, a Kazakh version. */
    beforeAll(async () => {
      doc = await freshDocument(suite.server, 'negotiation');
      const secretariat = await suite.server.login('secretariat');
      const chair = await suite.server.login('chair');
      const kaz = await suite.server.login('kaz-delegate');
      const fra = await suite.server.login('fra-delegate');
      expect((await secretariat.post(`/api/documents/${doc.id}/languages`, { code: 'kk' })).status).toBe(201);
      expect((await secretariat.post(`/api/documents/${doc.id}/revisions`, { name: 'Rev.1' })).status).toBe(201);
      const comment = { clauseId: doc.clauses[2], body: 'Could the text say which States?' };
      expect((await kaz.post(`/api/documents/${doc.id}/comments`, comment)).status).toBe(201);
      const amendment = await fra.post(`/api/documents/${doc.id}/amendments`, {
        clauseId: doc.clauses[3],
        kind: 'replace',
        text: '*Encourages* cooperation between States.',
        rationale: 'Names who cooperates.',
      });
      expect(amendment.status).toBe(201);
      const subject = { type: 'amendment', id: amendment.body.id };
      expect((await chair.post(`/api/documents/${doc.id}/votes`, { subject, rule: 'simple_majority' })).status).toBe(
        201,
      );
    });

    it.each(LANGUAGES)(
      'in %s, axe finds nothing, and no username or English word stands in',
      async (language) => {
        const found: Record<string, string[]> = {};
        /**
         * Opens `path` as `username` (or acts with `open` on the page as it is), waits for `ready`, and keeps
         * what axe and the words check find. The language is chosen from the header's switch, as a person would.
         */
        const check = async (
          screen: string,
          username: string | null,
          path: string | null,
          ready: string,
          open?: (page: Page) => Promise<void>,
        ): Promise<Page> => {
          const page = await pageOf(username);
          if (path) await page.goto(path);
          if ((await page.evaluate(() => document.documentElement.lang)) !== language) {
            await page.locator('#language').selectOption(language);
            await page.locator(`html[lang="${language}"]`).waitFor();
          }
          await open?.(page);
          await page.locator(ready).first().waitFor();
          // The sign-in page's hint names the demo accounts to type.
          const problems = [...(await audit(page)), ...(await strayWords(page, language, screen !== 'sign-in'))];
          if (problems.length > 0) found[screen] = problems;
          return page;
        };
        const d = `/documents/${doc.id}`;
        await check('sign-in', null, '/login', 'form button[type="submit"]');
        await check('documents', 'secretariat', '/', `main a[href="${d}"]`);
        await check('document', 'secretariat', d, '.clause-editor[contenteditable="true"]');
        await check('clause panel', 'secretariat', null, '.comments-panel .comment', (page) =>
          page.locator(`[data-clause-id="${doc.clauses[2]}"] .counter-button.comments`).click(),
        );
        await check('compilation', 'secretariat', `${d}/compilation`, 'main h1');
        await check('revisions', 'secretariat', `${d}/revisions`, 'main h1');
        await check('brackets', 'secretariat', `${d}/brackets`, 'main h1');
        await check('export', 'secretariat', `${d}/export`, 'main h1');
        await check(
          'translator',
          'secretariat',
          `${d}/translate/kk`,
          '.translation-version .clause-editor[contenteditable="true"]',
        );
        await check('import', 'secretariat', '/drafts/import', 'input[type="file"]');
        await check('projector', 'secretariat', `/projector/${doc.id}`, '.projector h1');
        await check('not found', 'secretariat', '/no-such-page', 'main h1');
        await check('chair’s console', 'chair', `${d}/chair`, '.vote-board');
        await check('delegation', 'kaz-head', `${d}/delegation`, '.vote-card');
        const admin = await check('administration', 'admin', '/admin', '#new-role');
        // A new account is offered as an observer, never as an administrator.
        expect(await admin.locator('#new-role').inputValue()).toBe('observer');
        // States by the UN's short names in English and Russian (UNTERM), by the ISO data's in Kazakh.
        const delegations = await admin.locator('main').innerText();
        for (const name of UN_NAMES[language]) expect(delegations).toContain(name);
        expect(delegations).not.toMatch(/South Korea|Vietnam|Южная Корея/);
        expect(found).toEqual({});
      },
      240_000,
    );
  });

  it('language versions: the text beside its version, and the projector in two languages (the translator’s editor is above)', async () => {
    const { id, clauses } = await freshDocument(suite.server, 'negotiation');
    const secretariat = await suite.server.login('secretariat');
    expect((await secretariat.post(`/api/documents/${id}/languages`, { code: 'kk' })).status).toBe(201);
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${id}/now-discussing`, { clauseId: clauses[2] })).status).toBe(200);
    expect(await findings('observer', `/documents/${id}?lang=kk&parallel=1`, '.clause-version')).toEqual([]);
    expect(await findings('observer', `/documents/${id}?lang=kk`, '.translation-chip')).toEqual([]);
    expect(await findings('observer', `/projector/${id}?lang=kk`, '.projector-two-languages')).toEqual([]);
  }, 90_000);

  it('the document as a delegate edits it, with a clause’s amendments open', async () => {
    const found = await findings(
      'kaz-delegate',
      `/documents/${DOC}`,
      '.clause-editor[contenteditable="true"]',
      async (page) => {
        await page.locator('[data-ref="OP1"] .counter-button.amendments').click();
        await page.locator('.amendment-text').waitFor();
      },
    );
    expect(found).toEqual([]);
  });

  it('the notification centre, open, in Kazakh, with a mention', async () => {
    const fra = await suite.server.login('fra-delegate');
    const clauses = (await fra.get(`/api/documents/${DOC}`)).body.clauses as { id: string; ref: string }[];
    const comment = { clauseId: clauses.find((c) => c.ref === 'OP3')!.id, body: 'Could @kaz-head confirm?' };
    expect((await fra.post(`/api/documents/${DOC}/comments`, comment)).status).toBe(201);
    const found = await findings('kaz-head', '/', 'main a[href^="/documents/"]', async (page) => {
      await page.locator('#language').selectOption('kk');
      await page.locator('html[lang="kk"]').waitFor();
      await page.locator('#notification-bell .bell-badge').waitFor();
      await page.locator('#notification-bell').click();
      await page.locator('#notification-panel .notification').first().waitFor();
      expect(await page.locator('#notification-panel .notification a').first().textContent()).toMatch(
        /сізді атап өтті: «Could @kaz-head confirm\?»/,
      );
      expect(await page.locator('#notification-panel time').first().textContent()).toBe('жаңа ғана');
    });
    expect(found).toEqual([]);
  });

  it('the document as an observer reads it, in Kazakh, with a clause’s comments open', async () => {
    const kaz = await suite.server.login('kaz-delegate');
    const clauses = (await kaz.get(`/api/documents/${DOC}`)).body.clauses as { id: string; ref: string }[];
    const comment = { clauseId: clauses.find((c) => c.ref === 'OP2')!.id, body: 'A comment with its date.' };
    expect((await kaz.post(`/api/documents/${DOC}/comments`, comment)).status).toBe(201);
    const found = await findings('observer', `/documents/${DOC}`, '.clause-editor', async (page) => {
      await page.locator('#language').selectOption('kk');
      await page.locator('html[lang="kk"]').waitFor();
      await page.locator('[data-ref="OP2"] .counter-button.comments').click();
      await page.locator('.comments-panel').waitFor();
      // Dates in Kazakh words, though the browser's own data has none ("2026 M12 5").
      const times = await page.locator('.comments-panel time').allTextContents();
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{4} ж\. \d{1,2} [а-яәіңғүұқөһ]+\., \d{2}:\d{2}$/);
    });
    expect(found).toEqual([]);
  });

  it('the public gallery, with a clause under discussion and a vote’s result', async () => {
    const doc = await freshDocument(suite.server, 'negotiation');
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${doc.id}/publish`, { public: true })).status).toBe(200);
    await chair.post(`/api/documents/${doc.id}/now-discussing`, { clauseId: doc.clauses[2] });
    const subject = { type: 'clause', id: doc.clauses[2] };
    const vote = await chair.post(`/api/documents/${doc.id}/votes`, { subject, rule: 'consensus' });
    expect((await chair.post(`/api/votes/${vote.body.id}/close`)).status).toBe(200);
    expect(await findings('observer', `/public/${doc.id}`, '#g-votes .vote')).toEqual([]);
  });

  describe('the procedure', () => {
    const chair = () => suite.server.login('chair');

    it('the chair’s stepper, asking the reason for a move back', async () => {
      const doc = await freshDocument(suite.server, 'negotiation');
      const found = await findings('chair', `/documents/${doc.id}/chair`, '.stepper', async (page) => {
        await page.getByRole('button', { name: 'Back to Drafting…' }).click();
        await page.getByLabel('Why the text goes back').waitFor();
      });
      expect(found).toEqual([]);
    });

    it(
      'the list of unfinished work before a vote on the whole text, and before adoption without a vote',
      { timeout: 90_000 },
      async () => {
        const voting = await freshDocument(suite.server, 'negotiation');
        const beforeVote = await findings('chair', `/documents/${voting.id}/chair`, '.stepper', async (page) => {
          // The server holds the vote back with a 409 (needs_acknowledgement), which the browser logs.
          expectConsoleErrors(page, /status of 409 .*\/votes\)/);
          await page.getByLabel('Subject').selectOption('document');
          await page.getByRole('button', { name: 'Open the vote' }).click();
          await page.locator('#ack-vote .ack-items').first().waitFor();
        });
        expect(beforeVote).toEqual([]);
        const adopting = await freshDocument(suite.server, 'adoption');
        const beforeAdoption = await findings('chair', `/documents/${adopting.id}/chair`, '.stepper', async (page) => {
          expectConsoleErrors(page, /status of 409 .*\/adoption\)/);
          await page.getByRole('button', { name: 'Adopt without a vote…' }).click();
          await page.getByLabel('Objection window given, in minutes').fill('10');
          await page.getByRole('button', { name: 'Record the adoption' }).click();
          await page.locator('#ack-adopt .ack-items').first().waitFor();
        });
        expect(beforeAdoption).toEqual([]);
      },
    );

    it(
      'after adoption: the console, the projector, the export page, and a delegation’s page with a lapsed vote and a ballot receipt',
      { timeout: 90_000 },
      async () => {
        const doc = await freshDocument(suite.server, 'adoption', FINISHED_TEXT);
        const vote = await (
          await chair()
        ).post(`/api/documents/${doc.id}/votes`, {
          subject: { type: 'clause', id: doc.clauses[2] },
          rule: 'consensus',
        });
        expect(vote.status).toBe(201);
        expect(
          (await (await suite.server.login('kaz-head')).post(`/api/votes/${vote.body.id}/ballots`, { choice: 'no' }))
            .status,
        ).toBe(200);
        expect(
          (
            await (
              await chair()
            ).post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 0, acknowledge: true })
          ).status,
        ).toBe(200);

        expect(await findings('chair', `/documents/${doc.id}/chair`, '.adoption-record [data-fingerprint]')).toEqual(
          [],
        );
        expect(
          await findings('observer', `/projector/${doc.id}`, '.projector-fingerprints [data-key-fingerprint]'),
        ).toEqual([]);
        expect(
          await findings('secretariat', `/documents/${doc.id}/export`, '.export-integrity [data-key-fingerprint]'),
        ).toEqual([]);
        const delegation = await findings(
          'kaz-head',
          `/documents/${doc.id}/delegation`,
          '.vote-card[data-status="lapsed"]',
          async (page) => {
            await page.getByRole('button', { name: 'Show the receipt' }).click();
            await page.locator('.receipt[data-entry]').waitFor();
            // The floor stays in view, but asking for it closed with the adoption.
            await page.locator('.floor-panel .floor-label').first().waitFor();
            expect(await page.getByRole('button', { name: 'Request the floor' }).isVisible()).toBe(false);
          },
        );
        expect(delegation).toEqual([]);
      },
    );
  });
});
