import { expect, it } from 'vitest';
import { audit, describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';
import { actorOf } from '../../server/auth/session.js';
import { createDocument } from '../../server/commands/createDocument.js';

describeBrowser('the notification centre', () => {
  const suite = useBrowserSuite();
  const pages = usePages(suite);

  it('a delegate sees the bell count rise when the chair opens a vote, opens the panel by keyboard and follows the link', async () => {
    const { ctx } = suite.server;
    const secretariat = actorOf((await ctx.store.users.byUsername('secretariat'))!);
    await createDocument(ctx, secretariat, {
      id: 'notified-declaration',
      conferenceId: (await ctx.store.conferences.current())!.id,
      title: 'Notified declaration',
      symbol: 'TEST/NOTIFIED',
      stage: 'adoption',
      clauses: [
        { kind: 'title', text: 'Notified declaration' },
        { kind: 'operative', text: '*Calls upon* States to act.' },
      ],
    });
    const page = await pages.open('kaz-delegate', '/documents');
    const bell = page.locator('#notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    expect(await bell.locator('.bell-badge').isVisible()).toBe(false);

    const chair = await suite.server.login('chair');
    const vote = await chair.post('/api/documents/notified-declaration/votes', {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    expect(vote.status).toBe(201);
    await expect.poll(() => bell.locator('.bell-badge').textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Notifications: 1 unread');

    // Open by keyboard; Escape closes and gives the focus back to the bell.
    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#notification-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const link = panel.getByRole('link', { name: 'A vote is open on the whole text' });
    await expect.poll(() => link.count()).toBe(1);
    expect(await panel.locator('.notification-time').textContent()).toBe('just now');
    expect(await audit(page)).toEqual([]);
    await link.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('notification-bell');

    // Following the link leads to the vote on the delegation's page, and reads the notification.
    await page.keyboard.press('Enter');
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/documents/notified-declaration/delegation');
    expect(new URL(page.url()).hash).toBe(`#vote-${vote.body.id}`);
    await expect.poll(() => page.locator(`#vote-${vote.body.id}`).isVisible()).toBe(true);
    await expect.poll(() => page.locator('#notification-bell .bell-badge').isVisible()).toBe(false);
    expect(await page.locator('#notification-bell').getAttribute('aria-label')).toBe('Notifications');
    await pages.closeAll();
  });
});
