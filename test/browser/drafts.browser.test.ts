import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';
/** Where each person's page opens: the declaration, whose clauses every case here drafts on. */
const AT_DOCUMENT = `/documents/${DOC}`;

describeBrowser('never losing a draft, in a browser', () => {
  const suite = useBrowserSuite();

  beforeAll(async () => {
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
  });

  /** Opens a clause's comments (or amendments) on a page that is already signed in. */
  async function openClause(page: Page, ref: string, tab: 'Comments' | 'Amendments' = 'Comments'): Promise<void> {
    if (!page.url().endsWith(`/documents/${DOC}`)) await page.goto(`/documents/${DOC}`);
    const label = tab === 'Amendments' ? `Amendments to ${ref} awaiting a decision` : `Comments on ${ref}`;
    await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
    await page.getByRole('heading', { name: ref, exact: true }).waitFor();
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  const commentBox = (page: Page) => page.getByLabel('Comment on the whole clause');

  it('keeps a comment, a reply and an amendment through a reload until each is sent or discarded', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', AT_DOCUMENT);
    await openClause(page, 'OP4');
    await commentBox(page).fill('Half-written: we would rather say');
    await page.reload();
    await openClause(page, 'OP4');
    expect(await commentBox(page).inputValue()).toBe('Half-written: we would rather say');

    // Another person on the same device sees none of it.
    const other = await signedInPage(suite.browser, suite.server.url, 'fra-delegate', 'demo', AT_DOCUMENT);
    await openClause(other.page, 'OP4');
    expect(await commentBox(other.page).inputValue()).toBe('');
    await other.context.close();

    // Sent: gone from the box and from the device.
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect
      .poll(() => page.locator('.comment-body').allInnerTexts())
      .toContain('Half-written: we would rather say');
    await page.locator('.reply-body').first().fill('A reply kept for later');
    await page.reload();
    await openClause(page, 'OP4');
    expect(await commentBox(page).inputValue()).toBe('');
    expect(await page.locator('.reply-body').first().inputValue()).toBe('A reply kept for later');

    // Discarded: gone too, and the focus stays in the box.
    await page.locator('.reply-form').first().getByRole('button', { name: 'Discard draft' }).click();
    expect(await page.locator('.reply-body').first().inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('reply-body'))).toBe(true);

    // An amendment's text and rationale, the same.
    await openClause(page, 'OP4', 'Amendments');
    await page.getByLabel('Proposed text').fill('Urges States to fund inclusive schools.');
    await page.getByLabel('Rationale').fill('Money, not words.');
    await page.reload();
    await page.reload();
    await openClause(page, 'OP4', 'Amendments');
    expect(await page.getByLabel('Proposed text').inputValue()).toBe('Urges States to fund inclusive schools.');
    expect(await page.getByLabel('Rationale').inputValue()).toBe('Money, not words.');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    expect(await page.getByLabel('Rationale').inputValue()).toBe('');
    await page.reload();
    await openClause(page, 'OP4', 'Amendments');
    expect(await page.getByLabel('Rationale').inputValue()).toBe('');
    expect(await page.getByLabel('Proposed text').inputValue()).not.toContain('fund inclusive schools');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('accord.draft:')))).toEqual(
      [],
    );
    await context.close();
  }, 120_000); // six page loads and a second person's: 35 s alone, twice that beside other browser tests

  it('signing out in another tab says so in this one, keeps the draft, and gives it back after signing in', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'deu-delegate', 'demo', AT_DOCUMENT);
    await openClause(page, 'OP5');
    await commentBox(page).fill('Our delegation cannot accept');
    const other = await context.newPage();
    await other.goto('/documents');
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL((url) => url.pathname.startsWith('/login'));

    const notice = page.locator('#session-ended');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('You were signed out');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('Your unsent draft is kept on this device');
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await signIn(page, 'deu-delegate');
    await notice.getByRole('link', { name: 'Back to my draft' }).click();
    await page.getByRole('heading', { name: 'OP5', exact: true }).waitFor();
    expect(await commentBox(page).inputValue()).toBe('Our delegation cannot accept');
    expect(await notice.count()).toBe(0);
    await context.close();
  }, 60_000);

  it('after a comment is sent the focus is in the box, ready for the next, never on the page', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'ita-delegate', 'demo', AT_DOCUMENT);
    await openClause(page, 'OP6');
    await commentBox(page).fill('First point.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => page.locator('.comment-body').allInnerTexts()).toContain('First point.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^comment-body-/);
    // The keyboard carries on: the next comment is typed and sent without touching the mouse.
    await page.keyboard.type('Second point.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.comment-body').allInnerTexts()).toContain('Second point.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^comment-body-/);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    await context.close();
  }, 60_000);

  it('says why an over-long comment is not sent, sends nothing, and keeps the text', async () => {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, 'gbr-delegate', 'demo', AT_DOCUMENT);
    await openClause(page, 'OP7');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/comments')) posts.push(request.url());
    });
    const long = 'a'.repeat(4_001);
    await commentBox(page).fill(long);
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect
      .poll(() => page.locator('.comment-form [role=alert]').textContent())
      .toBe('This comment has 4001 characters; the limit is 4000. Shorten it to send it.');
    expect(await commentBox(page).inputValue()).toBe(long);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('comment-input'))).toBe(true);
    expect(posts).toEqual([]);
    await context.close();
  }, 60_000);
});
