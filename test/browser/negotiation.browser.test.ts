import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../helpers/server.js';
import type * as Y from 'yjs';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';
import { stockProvider, syncedProvider } from '../helpers/collabClient.js';

const DOC = 'almaty-declaration';
const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_SCRIPT = '<script>window.__xss=2</script>';

describeBrowser('negotiation in a browser', () => {
  const suite = useBrowserSuite();
  let api: ApiClient;

  beforeAll(async () => {
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    api = await suite.server.login('observer');
  });

  /** Signs in, opens the declaration and the amendments (or comments) of one clause. */
  async function openClause(username: string, ref: string, tab: 'Amendments' | 'Comments'): Promise<Page> {
    const { page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', `/documents/${DOC}`);
    return showClause(page, ref, tab);
  }

  /** Opens the amendments (or comments) of one clause on a page already showing the declaration. */
  async function showClause(page: Page, ref: string, tab: 'Amendments' | 'Comments'): Promise<Page> {
    const label = tab === 'Amendments' ? `Amendments to ${ref} awaiting a decision` : `Comments on ${ref}`;
    await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
    await page.getByRole('heading', { name: ref, exact: true }).waitFor();
    return page;
  }

  /**
   * Pages the first case opens and later cases go on with, as the same people would keep the declaration open
   * through the meeting: each later case only opens the clause it needs, and no case depends on a page's first
   * load (the cases that do open their own). The suite closes them after the last case.
   */
  const kept: { watcher?: Page; fra?: Page; secretariat?: Page } = {};

  const op3Text = (page: Page) => page.locator('[data-ref="OP3"] .clause-content').innerText();
  const card = (page: Page) => page.locator('.clause-panel article.amendment').first();
  const op6Text = (page: Page) => page.locator('[data-ref="OP6"] .clause-content').innerText();

  it('fra-delegate proposes a replacement for OP3, deu-head co-sponsors, the secretariat accepts, a watcher sees it', async () => {
    const watcher = await openClause('gbr-delegate', 'OP3', 'Amendments');
    const before = await op3Text(watcher);
    // Every change comes with the clause's amendments: the watcher reads none of them again.
    const reads: string[] = [];
    watcher.on('request', (request) => {
      if (request.url().includes('/amendments') && request.method() === 'GET') reads.push(request.url());
    });

    const fra = await openClause('fra-delegate', 'OP3', 'Amendments');
    const proposed =
      'Calls upon national Governments to place inclusive and equitable education at the heart of national education policy.';
    await fra.getByLabel('Proposed text').fill(proposed);
    // The live preview shows the word diff before anything is sent.
    await expect
      .poll(() => fra.locator('.diff-preview ins').allInnerTexts())
      .toContainEqual(expect.stringContaining('equitable'));
    await fra.getByLabel('Rationale').fill('Equity belongs beside inclusion.');
    await fra.getByRole('button', { name: 'Submit the amendment' }).click();
    await expect.poll(() => fra.getByRole('status').filter({ hasText: 'Amendment submitted.' }).count()).toBe(1);
    await expect.poll(() => card(fra).locator('.amendment-status').innerText()).toBe('Submitted');

    // Others see it arrive without reloading.
    await expect.poll(() => card(watcher).locator('.sponsors').innerText(), { timeout: 10_000 }).toContain('FRA');

    const deu = await openClause('deu-head', 'OP3', 'Amendments');
    await card(deu).getByRole('button', { name: 'Co-sponsor' }).click();
    await expect.poll(() => card(deu).locator('.sponsors').innerText()).toMatch(/FRA.*Co-sponsors.*DEU/s);
    await expect.poll(() => card(watcher).locator('.sponsors').innerText(), { timeout: 10_000 }).toContain('DEU');

    const secretariat = await openClause('secretariat', 'OP3', 'Amendments');
    await card(secretariat).getByLabel('Note on the decision (optional)').fill('Agreed in informal consultations.');
    await card(secretariat).getByRole('button', { name: 'Accept' }).click();

    await expect.poll(() => op3Text(watcher), { timeout: 10_000 }).not.toBe(before);
    expect(await op3Text(watcher)).toContain('inclusive and equitable education at the heart');
    await expect
      .poll(() => card(watcher).locator('.amendment-status').innerText(), { timeout: 10_000 })
      .toBe('Accepted');
    expect(await card(watcher).locator('.decision-note').innerText()).toContain('Agreed in informal consultations.');
    const server3 = (await api.get(`/api/documents/${DOC}`)).body.clauses.find((c: { ref: string }) => c.ref === 'OP3');
    expect(server3.text).toBe(proposed);
    expect(reads).toEqual([]);
    Object.assign(kept, { watcher, fra, secretariat });
    await deu.context().close();
  }, 60_000); // four people's pages: 14 s alone, twice that beside other browser tests on two cores

  it('amends selected words of OP6; the amendment survives another person’s edit elsewhere in OP6 and is accepted', async () => {
    const fra = await openClause('fra-delegate', 'OP6', 'Comments');
    await fra.evaluate(() => {
      const p = document.querySelector('[data-ref="OP6"] .clause-content p')!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('psychological support');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'psychological support'.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error('words not found');
    });
    // The page goes on making editors in idle time, but not over the words selected: they stay selected.
    const textsLeft = () =>
      fra.evaluate(() =>
        [...document.querySelectorAll('.clause-content:not(.clause-editor)')].map(
          (el) => el.closest<HTMLElement>('[data-ref]')!.dataset.ref,
        ),
      );
    await expect.poll(async () => (await textsLeft()).every((ref) => ref === 'OP6'), { timeout: 15_000 }).toBe(true);
    expect(await fra.evaluate(() => document.getSelection()!.toString())).toBe('psychological support');
    // Selected words offer a comment first; the delegate amends them instead.
    await fra.getByRole('button', { name: 'Amend these words instead' }).click();
    const form = fra.locator('form.span-form');
    await form.waitFor();
    expect(await form.locator('.span-quote q').innerText()).toBe('psychological support');
    await form.getByLabel('Proposed words').fill('psychological and social support');
    await form.getByLabel('Rationale').fill('Support is social too.');
    await form.getByRole('button', { name: 'Submit the amendment' }).click();
    // Shown in the clause as a tracked change, and on its card.
    const tracked = fra.locator('[data-ref="OP6"] .tracked-changes li');
    await expect.poll(() => tracked.locator('del').innerText(), { timeout: 10_000 }).toContain('psychological support');
    expect(await tracked.locator('ins').innerText()).toContain('psychological and social support');
    expect(await tracked.locator('abbr.delegation').getAttribute('title')).toBe('France');
    await expect.poll(() => card(fra).locator('header strong').innerText()).toBe('Replace words in OP6');

    // The secretariat, in its own editor, adds words at the end of OP6 meanwhile.
    const secretariatApi = await suite.server.login('secretariat');
    const refs = new Map<string, string>(
      (await api.get(`/api/documents/${DOC}`)).body.clauses.map((c: { ref: string; id: string }) => [c.ref, c.id]),
    );
    const editor = stockProvider(suite.server.url, DOC, secretariatApi.cookie!);
    try {
      await syncedProvider(editor);
      const text = (getClauseFragment(editor.doc, refs.get('OP6')!).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' [as agreed]');
      await expect.poll(() => op6Text(fra), { timeout: 10_000 }).toContain('[as agreed]');
    } finally {
      editor.destroy();
    }
    await expect.poll(() => card(fra).getAttribute('class')).not.toContain('stale');
    expect(await tracked.locator('del').innerText()).toContain('psychological support');

    // The compilation shows it as the same tracked change, under OP6.
    const compilation = await fra.context().newPage();
    await compilation.goto(`/documents/${DOC}/compilation`);
    const compiled = compilation.locator('article.amendment', { hasText: 'Replace words in OP6' });
    await expect.poll(() => compiled.locator('.span-change del').innerText()).toContain('psychological support');
    expect(await compiled.locator('.span-change ins').innerText()).toContain('psychological and social support');
    await compilation.close();

    const secretariat = await showClause(kept.secretariat!, 'OP6', 'Amendments');
    await card(secretariat).getByRole('button', { name: 'Accept' }).click();
    await expect
      .poll(() => op6Text(fra), { timeout: 10_000 })
      .toContain('to integrate psychological and social support, social and emotional');
    expect(await op6Text(fra)).toContain('schools and colleges; [as agreed]');
    await expect.poll(() => tracked.count()).toBe(0);
    for (const page of [fra, secretariat]) await page.context().close();
    delete kept.secretariat;
  }, 30_000);

  it('comments on selected words; the quote and its highlight come from the live text', async () => {
    const page = await openClause('kaz-head', 'OP2', 'Comments');
    await page.evaluate(() => {
      const p = document.querySelector('[data-ref="OP2"] .clause-content p')!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('culture of inclusion');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'culture of inclusion'.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error('words not found');
    });
    await page.getByText('Comment on the selected words').waitFor();
    await page.getByLabel('Comment on the selected words').fill('Could @FRA suggest wording?');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = page.locator('.comment-thread').first();
    await expect.poll(() => thread.locator('.anchor q').innerText(), { timeout: 10_000 }).toBe('culture of inclusion');
    expect(await thread.locator('.mention').innerText()).toBe('@FRA');
    const comments = (await api.get(`/api/documents/${DOC}/comments`)).body.comments;
    expect(comments[0].anchor).toMatchObject({ status: 'live', currentQuote: 'culture of inclusion' });
    expect(
      await page.evaluate(() =>
        (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('accord-comments'),
      ),
    ).toBe(true);
    await page.context().close();
  });

  it('shows others’ comments as they are written, counted unread on other clauses, without reading the threads again', async () => {
    const watcher = await showClause(kept.watcher!, 'OP10', 'Comments');
    const reads: string[] = [];
    watcher.on('request', (request) => {
      if (request.url().includes('/comments') && request.method() === 'GET') reads.push(request.url());
    });
    const refs = new Map<string, string>(
      (await api.get(`/api/documents/${DOC}`)).body.clauses.map((c: { ref: string; id: string }) => [c.ref, c.id]),
    );
    const kaz = await suite.server.login('kaz-delegate');
    const first = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: refs.get('OP10'),
      body: 'Does this include adult learners?',
    });
    await expect
      .poll(() => watcher.locator('.comment-body').allInnerTexts(), { timeout: 10_000 })
      .toContain('Does this include adult learners?');
    expect(
      (await kaz.post(`/api/comments/${first.body.id}/replies`, { body: 'And teachers in training.' })).status,
    ).toBe(201);
    await expect
      .poll(() => watcher.locator('.comment-body').allInnerTexts(), { timeout: 10_000 })
      .toContain('And teachers in training.');
    // On a clause the watcher is not reading, the comment counts as unread.
    expect(
      (await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: refs.get('OP11'), body: 'A note on OP11.' }))
        .status,
    ).toBe(201);
    const op6 = watcher.getByRole('button', { name: /^Comments on OP11/ });
    // Its name holds what it shows: the count, then "+1" and the word for it.
    await expect.poll(() => op6.textContent(), { timeout: 10_000 }).toMatch(/^Comments on OP11: \d+ \+1 unread$/);
    expect(reads).toEqual([]);
    await watcher.context().close();
    delete kept.watcher;
  });

  it('says so when an empty comment is sent, sends nothing, and keeps the focus in the box', async () => {
    const page = await openClause('kaz-delegate', 'OP9', 'Comments');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/comments')) posts.push(request.url());
    });
    const box = page.getByLabel('Comment on the whole clause');
    await box.fill('   ');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect
      .poll(() => page.locator('.comment-form [role=alert]').textContent())
      .toBe('Write something first: an empty comment is not sent.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('comment-input'))).toBe(true);
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it('shows script-like text in comments, amendments and clause text as text, and runs none of it', async () => {
    const page = await openClause('fra-delegate', 'OP5', 'Comments');
    await page.getByLabel('Comment on the whole clause').fill(`${XSS_IMG} ${XSS_SCRIPT}`);
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => page.locator('.comment-body').first().innerText()).toBe(`${XSS_IMG} ${XSS_SCRIPT}`);

    await page.getByRole('tab', { name: 'Amendments' }).click();
    await page.getByLabel('Proposed text').fill(`Urges ${XSS_IMG} and ${XSS_SCRIPT}.`);
    await page.getByLabel('Rationale').fill(XSS_SCRIPT + XSS_IMG);
    await page.getByRole('button', { name: 'Submit the amendment' }).click();
    await expect.poll(() => card(page).locator('.rationale').innerText()).toContain(XSS_SCRIPT + XSS_IMG);
    expect(await card(page).locator('.word-diff ins').first().innerText()).toContain(XSS_IMG);

    // Accepted into the clause, the same text is rendered in the declaration itself.
    const secretariat = await suite.server.login('secretariat');
    const { amendments } = (await secretariat.get(`/api/documents/${DOC}/amendments?status=submitted`)).body;
    const id = amendments.find((a: { clauseRef: string }) => a.clauseRef === 'OP5').id;
    expect((await secretariat.post(`/api/amendments/${id}/decision`, { decision: 'accept' })).status).toBe(200);
    await expect
      .poll(() => page.locator('[data-ref="OP5"] .clause-content').innerText(), { timeout: 10_000 })
      .toBe(`Urges ${XSS_IMG} and ${XSS_SCRIPT}.`);

    // Nothing ran, and no element came out of the text.
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // (Flags are the only images: `.flag-img`, drawn by Accord, never from the text.)
    expect(await page.locator('main img:not(.flag-img), main script').count()).toBe(0);
    const compilation = await page.context().newPage();
    await compilation.goto(`/documents/${DOC}/compilation`);
    await compilation.getByRole('heading', { name: 'Still to decide' }).waitFor();
    expect(await compilation.locator('[data-clause-id] .rationale').allInnerTexts()).toContainEqual(
      expect.stringContaining(XSS_SCRIPT),
    );
    expect(await compilation.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await compilation.locator('main img:not(.flag-img), main script').count()).toBe(0);
    await page.context().close();
  });

  it('keeps the compilation up to date from the events alone: new amendments, co-sponsors and statuses', async () => {
    const { page } = await signedInPage(
      suite.browser,
      suite.server.url,
      'fra-delegate',
      'demo',
      `/documents/${DOC}/compilation`,
    );
    await page.getByRole('heading', { name: 'Still to decide' }).waitFor();
    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/') && request.method() === 'GET') reads.push(request.url());
    });
    const refs = new Map<string, string>(
      (await api.get(`/api/documents/${DOC}`)).body.clauses.map((c: { ref: string; id: string }) => [c.ref, c.id]),
    );
    const deu = await suite.server.login('deu-head');
    const proposed = await deu.post(`/api/documents/${DOC}/amendments`, {
      clauseId: refs.get('OP12'),
      kind: 'delete',
      rationale: 'Covered by OP2.',
    });
    expect(proposed.status).toBe(201);
    const listed = page.locator(`.to-decide-amendments a[href="#amendment-${proposed.body.id}"]`);
    await expect.poll(() => listed.count(), { timeout: 10_000 }).toBe(1);
    expect(
      (await (await suite.server.login('kaz-head')).post(`/api/amendments/${proposed.body.id}/cosponsor`)).status,
    ).toBe(200);
    await expect.poll(() => listed.locator('xpath=..').innerText(), { timeout: 10_000 }).toContain('+1');

    const notAgreed = async (): Promise<number> =>
      Number(/(\d+)/.exec(await page.locator('.undecided-clauses').innerText())![1]);
    const before = await notAgreed();
    const chair = await suite.server.login('chair');
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${refs.get('OP13')}/status`, { status: 'agreed_ad_ref' }))
        .status,
    ).toBe(200);
    await expect.poll(notAgreed, { timeout: 10_000 }).toBe(before - 1);
    expect(reads).toEqual([]);
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${refs.get('OP13')}/status`, { status: 'open' })).status,
    ).toBe(200);
    await page.context().close();
  });

  it('the chair agrees a clause ad referendum from its panel; the bar counts it and proposals on it close', async () => {
    const count = (page: Page) => page.locator('.status-count[data-status="agreed_ad_ref"] .count').innerText();
    const fra = await showClause(kept.fra!, 'OP7', 'Amendments');
    const before = Number(await count(fra));
    expect(await fra.getByRole('button', { name: 'Submit the amendment' }).count()).toBe(1);
    const chair = await openClause('chair', 'OP7', 'Comments');
    await chair.getByLabel('Status of OP7').selectOption('agreed_ad_ref');
    await expect.poll(() => count(chair), { timeout: 10_000 }).toBe(String(before + 1));
    // The delegate's page follows: the clause is marked, its amendment form gives way to the reason.
    await expect.poll(() => count(fra), { timeout: 10_000 }).toBe(String(before + 1));
    await fra.getByRole('button', { name: /^Amendments to OP7/ }).click();
    await fra.getByText('This clause is agreed ad referendum: no amendments until it is unlocked.').waitFor();
    expect(await fra.getByRole('button', { name: 'Submit the amendment' }).count()).toBe(0);
    await chair.getByLabel('Status of OP7').selectOption('open');
    await expect.poll(() => count(chair), { timeout: 10_000 }).toBe(String(before));
    for (const page of [fra, chair]) await page.context().close();
    delete kept.fra;
  });

  it('publishes revisions, compares them and shows who wrote what', async () => {
    const { page } = await signedInPage(
      suite.browser,
      suite.server.url,
      'secretariat',
      'demo',
      `/documents/${DOC}/revisions`,
    );
    await page.getByLabel('Name of the new revision').fill('Rev.1');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('rowheader', { name: 'Rev.1' }).waitFor();
    // Rev.1 has the accepted amendments; compare it with the live text after one more change.
    const fra = await suite.server.login('fra-delegate');
    const op6 = (await api.get(`/api/documents/${DOC}`)).body.clauses.find((c: { ref: string }) => c.ref === 'OP6');
    const proposed = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: op6.id,
      kind: 'delete',
      rationale: 'Covered elsewhere.',
    });
    await (
      await suite.server.login('secretariat')
    ).post(`/api/amendments/${proposed.body.id}/decision`, { decision: 'accept' });
    await page.getByLabel('From').selectOption({ label: 'Rev.1' });
    await page.getByLabel('To').selectOption({ label: 'Current text' });
    await page.getByRole('button', { name: 'Compare' }).click();
    const deleted = page.locator(`.clause-diff[data-clause-id="${op6.id}"]`);
    await expect.poll(() => deleted.getAttribute('data-change')).toBe('deleted');
    expect(await deleted.locator('del').innerText()).toContain(op6.text.slice(0, 30));

    await page.getByLabel('Clause').selectOption({ label: 'OP3' });
    await page.getByRole('button', { name: 'Show' }).click();
    const legend = page.locator('.attribution-legend');
    await expect.poll(() => legend.innerText()).toContain('Secretariat');
    expect(await page.locator('.attribution-text .run[data-author="secretariat"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('keeps script-like text typed into a clause inert, for its writer and for everyone watching', async () => {
    const chair = await suite.server.login('chair');
    expect(
      (
        await chair.post(`/api/documents/${DOC}/stage`, {
          stage: 'drafting',
          reason: 'Back to drafting for the next case.',
        })
      ).status,
    ).toBe(200);
    const open = async (username: string): Promise<Page> => {
      const { page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', `/documents/${DOC}`);
      await page.locator('[data-ref="OP9"] .clause-editor').waitFor();
      return page;
    };
    const writer = await open('kaz-delegate');
    const watcher = await open('observer');
    const editor = writer.locator('[data-ref="OP9"] .clause-editor');
    await expect.poll(() => editor.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true');
    await editor.focus();
    await writer.keyboard.press('Control+End');
    await writer.keyboard.type(` ${XSS_IMG} ${XSS_SCRIPT}`);
    const typed = `${XSS_IMG} ${XSS_SCRIPT}`;
    await expect
      .poll(
        async () =>
          (await api.get(`/api/documents/${DOC}`)).body.clauses.find((c: { ref: string }) => c.ref === 'OP9').text,
        { timeout: 10_000 },
      )
      .toContain(typed);
    await expect
      .poll(() => watcher.locator('[data-ref="OP9"] .clause-editor').innerText(), { timeout: 10_000 })
      .toContain(typed);
    for (const page of [writer, watcher]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      // ProseMirror's own caret helper (img.ProseMirror-separator, no src) is the only image an editor may hold.
      expect(await page.locator('main img:not(.ProseMirror-separator), main script, main img[src]').count()).toBe(0);
    }
    // Read back after a reload, from the stored text.
    await watcher.reload();
    await expect
      .poll(() => watcher.locator('[data-ref="OP9"] .clause-editor').innerText(), { timeout: 10_000 })
      .toContain(typed);
    expect(await watcher.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    for (const page of [writer, watcher]) await page.context().close();
  });
});
