import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

describeBrowser('brackets in a browser', () => {
  const suite = useBrowserSuite();

  beforeAll(async () => {
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
  });

  async function open(username: string, path = `/documents/${DOC}`): Promise<Page> {
    const { page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', path);
    // The secretariat's clauses become editors once synced: a selection made before would be replaced with them.
    if (username === 'secretariat') await page.locator('.clause-editor').first().waitFor();
    return page;
  }

  /** Selects `words` in the first paragraph of clause `ref` that holds them, as a mouse would. */
  async function select(page: Page, ref: string, words: string): Promise<void> {
    await page.locator(`[data-ref="${ref}"] .clause-content p`).first().waitFor();
    await page.evaluate(
      ([ref, words]) => {
        for (const p of document.querySelectorAll(`[data-ref="${ref}"] .clause-content p`)) {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(words!);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words!.length);
            document.getSelection()!.removeAllRanges();
            document.getSelection()!.addRange(range);
            return;
          }
        }
        throw new Error('words not found');
      },
      [ref, words],
    );
  }

  const op3Text = (page: Page) => page.locator('[data-ref="OP3"] .clause-content').innerText();

  it('the secretariat offers two alternatives for words of OP3, and choosing one writes it for everyone', async () => {
    const watcher = await open('fra-delegate');
    const secretariat = await open('secretariat');
    await select(secretariat, 'OP3', 'national Governments');
    await secretariat.getByRole('button', { name: 'Offer alternatives' }).click();
    const form = secretariat.locator('form.alternatives-form');
    await form.waitFor();
    expect(await form.getByLabel('Alternative A', { exact: true }).inputValue()).toBe('national Governments');
    await form.getByLabel('Proposed by A (delegation codes, such as KAZ FRA)').fill('kaz fra');
    await form.getByLabel('Alternative B', { exact: true }).fill('national and local authorities');
    await form.getByLabel('Proposed by B (delegation codes, such as KAZ FRA)').fill('DEU');
    await form.getByRole('button', { name: 'Offer these alternatives' }).click();

    // Beneath OP3, UN style, on both pages; the watcher's arrives by the event.
    for (const page of [secretariat, watcher]) {
      const line = page.locator('[data-ref="OP3"] .clause-brackets li.bracket');
      await expect
        .poll(() => line.locator('.bracket-words').innerText(), { timeout: 10_000 })
        .toMatch(/\[Alt A\s+KAZ\s+FRA\s*: national Governments\]\s*\[Alt B\s+DEU\s*: national and local authorities\]/);
    }
    // Only the secretariat may resolve; the status bar counts it and links to the list.
    expect(await watcher.locator('[data-ref="OP3"] .clause-brackets button.resolve').count()).toBe(0);
    const count = watcher.locator('.status-count.brackets a');
    await expect.poll(() => count.locator('.count').innerText()).toBe('1');
    await count.click();
    await watcher.getByRole('heading', { name: 'Open brackets' }).waitFor();
    await expect.poll(() => watcher.locator('.bracket-list li.bracket').count()).toBe(1);
    expect(await watcher.locator('.bracket-list .bracket-clause').innerText()).toBe('OP3');
    expect(await audit(watcher)).toEqual([]);
    expect(await audit(secretariat)).toEqual([]);

    // Resolved from the clause by the keyboard: the choice is the clause's text everywhere.
    const choose = secretariat.getByRole('button', { name: 'Choose B: national and local authorities' });
    await choose.focus();
    await secretariat.keyboard.press('Enter');
    await expect.poll(() => op3Text(secretariat), { timeout: 10_000 }).toContain('national and local authorities');
    expect(await op3Text(secretariat)).not.toContain('national Governments');
    await expect.poll(() => secretariat.locator('[data-ref="OP3"] .clause-brackets').count()).toBe(0);
    // The list empties live on the watcher's page, and the document page shows the words chosen.
    await expect.poll(() => watcher.locator('.bracket-list li.bracket').count(), { timeout: 10_000 }).toBe(0);
    await watcher.getByRole('link', { name: 'Back to the text' }).click();
    await expect.poll(() => op3Text(watcher), { timeout: 10_000 }).toContain('national and local authorities');
    const api = await suite.server.login('observer');
    const op3 = (await api.get(`/api/documents/${DOC}`)).body.clauses.find((c: { ref: string }) => c.ref === 'OP3');
    expect(op3.text).toContain('Calls upon national and local authorities to place');
    for (const page of [watcher, secretariat]) await page.context().close();
  }, 120_000); // two people's pages and two audits: 35 s alone, more beside other browser tests on two cores

  it('brackets selected words as they are, and removes the brackets from the list', async () => {
    const secretariat = await open('secretariat');
    await select(secretariat, 'OP5', 'initial and continuing');
    await secretariat.getByRole('button', { name: 'Bracket these words' }).click();
    const line = secretariat.locator('[data-ref="OP5"] .clause-brackets li.bracket');
    await expect
      .poll(() => line.locator('.bracket-words').innerText(), { timeout: 10_000 })
      .toBe('[initial and continuing]');
    await secretariat.locator('[data-ref="OP5"] .bracket-link').click();
    const item = secretariat.locator('.bracket-list li.bracket');
    await item.first().waitFor();
    await item.getByRole('button', { name: 'Remove the brackets' }).click();
    await secretariat.getByText('No open brackets: every bracketed passage has been resolved.').waitFor();
    await secretariat.getByLabel('Show resolved brackets too').check();
    await expect
      .poll(() =>
        secretariat
          .locator('.bracket-list.resolved li', { hasText: 'initial and continuing' })
          .locator('.meta')
          .innerText(),
      )
      .toContain('Brackets removed by');
    await secretariat.context().close();
  }, 60_000);
});
