import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { audit, describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';
import { actorOf } from '../../server/auth/session.js';
import { createDocument } from '../../server/commands/createDocument.js';

const DOC = 'almaty-declaration';

describeBrowser('the floor in the hall', () => {
  const suite = useBrowserSuite();
  const pages = usePages(suite);
  /**
   * The chair's console and Italy's delegation page, kept from case to case as the people in the hall keep them
   * open: the floor, the request and the roll each begin where the last one left the pages.
   */
  let chairConsole: Page;
  let italy: Page;

  it('the chair gives the floor from the console and the projector shows the speaker, the clock and who is next', async () => {
    for (const username of ['kaz-head', 'fra-head', 'deu-head']) {
      const res = await (await suite.server.login(username)).post(`/api/documents/${DOC}/floor`, {});
      expect(res.status).toBe(201);
    }
    const chair = (chairConsole = await pages.open('chair', `/documents/${DOC}/chair`));
    const projector = await pages.open('observer', `/projector/${DOC}`);
    const reader = await pages.open('observer', `/documents/${DOC}`);
    const list = chair.locator('.floor-panel .floor-list');
    await expect.poll(() => list.locator('.floor-queue-item').count()).toBe(3);
    // Nobody speaks yet and people wait: the projector shows who is next.
    await expect
      .poll(() => projector.locator('.projector-next li').allTextContents())
      .toEqual([
        expect.stringContaining('Kazakhstan'),
        expect.stringContaining('France'),
        expect.stringContaining('Germany'),
      ]);

    // The first cannot go up, nor the last down.
    expect(await chair.getByRole('button', { name: 'Move Kazakhstan up' }).isDisabled()).toBe(true);
    expect(await chair.getByRole('button', { name: 'Move Germany down' }).isDisabled()).toBe(true);
    expect(await chair.getByRole('button', { name: 'Move Kazakhstan down' }).isDisabled()).toBe(false);
    // Two minutes a speaker, set and given by keyboard alone.
    await chair.getByLabel(/Speaking time/).fill('2');
    await chair.getByRole('button', { name: 'Set the time' }).focus();
    await chair.keyboard.press('Enter');
    await expect.poll(() => chair.getByLabel(/Speaking time/).inputValue()).toBe('2');
    await chair.getByRole('button', { name: 'Give the floor to France' }).focus();
    await chair.keyboard.press('Enter');

    const speaker = projector.locator('.projector-speaker');
    await expect.poll(() => speaker.textContent()).toContain('France');
    await expect.poll(() => speaker.locator('[role="timer"]').textContent()).toMatch(/^[12]:\d\d left$/);
    expect(await projector.locator('.projector-next li').allTextContents()).toEqual([
      expect.stringContaining('Kazakhstan'),
      expect.stringContaining('Germany'),
    ]);
    await expect.poll(() => chair.locator('.floor-current').textContent()).toContain('France');
    expect(await chair.locator('.floor-current .floor-clock').isVisible()).toBe(true);
    // Beside the text, every participant follows the floor too.
    await expect
      .poll(() => reader.locator('.document-floor').textContent())
      .toMatch(/Speaking:.*France.*left · Waiting for the floor: 2/);
    expect(await audit(chair)).toEqual([]);
    expect(await audit(projector)).toEqual([]);
    expect(await audit(reader)).toEqual([]);

    // The speech ends: the projector shows the list alone.
    await chair.getByRole('button', { name: 'End the speech' }).click();
    await expect.poll(() => projector.locator('.projector-speaker').count()).toBe(0);
    for (const page of [projector, reader]) await page.context().close();
  });

  it('a delegation asks for the floor with a subject and a kind, withdraws it, and the chair sees it live', async () => {
    const delegation = (italy = await pages.open('ita-head', `/documents/${DOC}/delegation`));
    const chair = chairConsole;
    await delegation.getByLabel('On', { exact: true }).selectOption({ label: 'OP2' });
    await delegation.getByLabel('As', { exact: true }).selectOption('point_of_order');
    await delegation.getByRole('button', { name: 'Request the floor' }).focus();
    await delegation.keyboard.press('Enter');
    // A point of order goes to the front of the list, on the chair's console as it happens.
    const first = chair.locator('.floor-panel .floor-queue-item').first();
    await expect.poll(() => first.textContent()).toMatch(/Italy.*Point of order.*OP2/);
    const own = delegation.locator('.floor-own .floor-queue-item');
    await expect.poll(() => own.textContent()).toMatch(/No\. 1 on the list.*Point of order.*OP2/);
    expect(await audit(delegation)).toEqual([]);
    await own.getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => own.count()).toBe(0);
    await expect.poll(() => first.textContent()).not.toMatch(/Italy/);
  });

  it('the chair takes the roll on the console while a head checks in from the delegation’s page', async () => {
    const [chair, head] = [chairConsole, italy];
    await chair.getByRole('button', { name: 'Open the roll' }).click();
    const france = chair.getByRole('checkbox', { name: 'France' });
    await france.focus();
    await chair.keyboard.press('Space');
    await expect.poll(() => chair.locator('#roll-count').textContent()).toBe('Present: 1 of 40');
    await head.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => head.locator('.roll-check-in').textContent()).toContain('recorded present');
    await expect.poll(() => chair.getByRole('checkbox', { name: 'Italy' }).isChecked()).toBe(true);
    expect(await france.isChecked()).toBe(true);
    expect(await audit(chair)).toEqual([]);
    await chair.getByRole('button', { name: 'Close the roll' }).click();
    await expect.poll(() => chair.locator('.roll-panel').textContent()).toContain('Roll taken. Present: 2 of 40');
    await pages.closeAll();
  });

  it('the projector calls each State in turn in a vote by roll call, from the State drawn by lot', async () => {
    const chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const clause = ((await chair.get(`/api/documents/${DOC}`)).body.clauses as { id: string; kind: string }[]).find(
      (c) => c.kind === 'operative',
    )!;
    const projector = await pages.open('observer', `/projector/${DOC}`);
    await projector.locator('.projector').waitFor();
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clause.id },
      rule: 'simple_majority',
      rollCall: true,
    });
    expect(opened.status).toBe(201);
    const order = opened.body.rollCall as string[];
    const called = projector.locator('.projector-called');
    await expect.poll(() => called.getAttribute('data-delegation')).toBe(order[0]);
    // The board follows the calling order, the State called marked.
    expect(await projector.locator('.vote-board .board-cell').first().getAttribute('data-state')).toBe('called');
    expect(await projector.locator('.projector-roll-call').textContent()).toMatch(/^Roll call from .+, drawn by lot/);
    const first = await suite.server.login(`${order[0]!.toLowerCase()}-head`);
    expect((await first.post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' })).status).toBe(200);
    await expect.poll(() => called.getAttribute('data-delegation')).toBe(order[1]);
    expect(await audit(projector)).toEqual([]);
  });

  it('the chair puts the text under silence and watches a head break it with a statement', async () => {
    const { ctx } = suite.server;
    const id = 'silence-declaration';
    await createDocument(ctx, actorOf((await ctx.store.users.byUsername('secretariat'))!), {
      id,
      conferenceId: (await ctx.store.conferences.current())!.id,
      title: 'Silence declaration',
      symbol: 'TEST/SILENCE',
      stage: 'adoption',
      clauses: [
        { kind: 'title', text: 'Silence declaration' },
        { kind: 'operative', text: '*Calls upon* States to act.' },
      ],
    });
    const chair = await pages.open('chair', `/documents/${id}/chair`);
    const head = await pages.open('fra-head', `/documents/${id}/delegation`);
    const panel = chair.locator('.silence-panel');
    await chair.getByLabel('Silence for (minutes)').fill('90');
    await chair.getByRole('checkbox', { name: /unfinished/ }).check();
    await chair.getByRole('button', { name: 'Put under silence' }).focus();
    await chair.keyboard.press('Enter');
    await expect.poll(() => panel.locator('[role="timer"]').textContent()).toMatch(/^Time left: 1:(29|30):\d\d$/);
    const headPanel = head.locator('.silence-panel');
    await expect.poll(() => headPanel.textContent()).toContain('Under silence');
    expect(await audit(head)).toEqual([]);
    await head.getByLabel('Statement', { exact: true }).fill('France cannot join consensus on OP1.');
    await head.getByRole('button', { name: 'Break silence' }).focus();
    await head.keyboard.press('Enter');
    await expect.poll(() => panel.textContent()).toContain('Silence broken');
    expect(await panel.locator('.silence-statements li').textContent()).toMatch(/France.*cannot join consensus on OP1/);
    await expect.poll(() => headPanel.getByRole('button', { name: 'Break silence' }).count()).toBe(0);
    expect(await audit(chair)).toEqual([]);
  });
});
