import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Locator, Page, Request } from 'playwright-core';
import type { ApiClient } from '../helpers/server.js';
import { describeBrowser, expectConsoleErrors, useBrowserSuite, usePages } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

/**
 * A chair's console that cannot misfire, and a delegation's ballot that is cast once: what a hurried hand
 * does to a button (two clicks, a press after the answer, a retry after a lost connection) and what the room
 * does to a half-filled form (others change statuses and amendments meanwhile).
 */
describeBrowser('a console that cannot misfire', () => {
  const suite = useBrowserSuite();
  const { open, closeAll } = usePages(suite);
  let chairApi: ApiClient;
  let fra: ApiClient;
  let clauses: { id: string; ref: string }[];

  beforeAll(async () => {
    chairApi = await suite.server.login('chair');
    expect((await chairApi.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    fra = await suite.server.login('fra-delegate');
    clauses = (await chairApi.get(`/api/documents/${DOC}`)).body.clauses;
  });

  // Each case starts in negotiation with no vote open, whatever the one before it did (a misfire included).
  afterEach(async () => {
    await closeAll();
    await closeOpenVotes();
    if ((await chairApi.get(`/api/documents/${DOC}`)).body.stage !== 'negotiation') {
      expect((await chairApi.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    }
  });

  const clauseId = (ref: string): string => clauses.find((c) => c.ref === ref)!.id;

  async function chairConsole(): Promise<Page> {
    const page = await open('chair', `/documents/${DOC}/chair`);
    await page.getByRole('heading', { name: 'Chair’s console' }).waitFor();
    return page;
  }

  async function propose(ref: string, text: string): Promise<string> {
    const res = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: clauseId(ref),
      kind: 'replace',
      text,
      rationale: 'Clearer.',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function votes(): Promise<
    { id: string; status: string; subject: { type: string; id: string }; rule: string; quorum: number | null }[]
  > {
    return (await chairApi.get(`/api/documents/${DOC}/votes`)).body.votes;
  }

  async function closeOpenVotes(): Promise<void> {
    for (const vote of await votes())
      if (vote.status === 'open') expect((await chairApi.post(`/api/votes/${vote.id}/close`)).status).toBe(200);
  }

  /** The requests `page` sends that match, as they leave the browser. */
  function sent(page: Page, method: string, path: RegExp): Request[] {
    const list: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === method && path.test(new URL(request.url()).pathname)) list.push(request);
    });
    return list;
  }

  /** The centre of an element, where a hand clicks whatever is there by then. */
  async function centre(locator: Locator): Promise<[number, number]> {
    await locator.scrollIntoViewIfNeeded();
    const box = (await locator.boundingBox())!;
    return [box.x + box.width / 2, box.y + box.height / 2];
  }

  /** Lets whatever a press set off run its course (answers, live events, a second request if any). */
  const settle = (page: Page): Promise<void> => page.waitForTimeout(1500);

  it(
    'a double-click on “Open the vote” opens exactly one vote, on the selected amendment',
    { timeout: 60_000 },
    async () => {
      const amendment = await propose(
        'OP3',
        'Calls upon national Governments to place inclusive education at the heart of policy.',
      );
      const before = (await votes()).length;
      const chair = await chairConsole();
      const posts = sent(chair, 'POST', /\/votes$/);

      await chair
        .locator(`.agenda-amendments [data-amendment-id="${amendment}"]`)
        .getByRole('button', { name: 'Open vote' })
        .click();
      expect(await chair.getByLabel('Subject').inputValue()).toBe(`amendment:${amendment}`);
      await chair.getByRole('radio', { name: /^Simple majority/ }).check();
      // The answer takes a moment, as on a busy venue network.
      await chair.route('**/votes', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      const button = chair.getByRole('button', { name: 'Open the vote' });
      const [x, y] = await centre(button);
      await chair.mouse.dblclick(x, y);
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('aria-busy')).toBe('true');
      await expect
        .poll(() => chair.getByRole('status').first().textContent())
        .toContain('Vote opened on amendment by France to OP3');
      await expect.poll(() => button.isEnabled()).toBe(true);
      await settle(chair);

      expect(posts).toHaveLength(1);
      expect(posts[0]!.headers()['idempotency-key']).toMatch(/^[\w-]{16,}$/);
      const opened = (await votes()).slice(before);
      expect(opened.map((v) => v.subject)).toEqual([{ type: 'amendment', id: amendment }]);
      expect(opened[0]!.rule).toBe('simple_majority');
    },
  );

  it(
    'a second press that lands after the answer opens nothing else, never a vote on the whole declaration',
    { timeout: 60_000 },
    async () => {
      const amendment = await propose('OP4', 'Encourages all States to share inclusive practice.');
      const before = (await votes()).length;
      const chair = await chairConsole();
      const posts = sent(chair, 'POST', /\/votes$/);

      await chair.getByLabel('Subject').selectOption(`amendment:${amendment}`);
      const button = chair.getByRole('button', { name: 'Open the vote' });
      await button.click();
      // The answer is in (the console announces it); a hurried hand presses the button again.
      await expect
        .poll(() => chair.getByRole('status').first().textContent())
        .toContain('Vote opened on amendment by France to OP4');
      await button.click();
      await settle(chair);

      expect(posts).toHaveLength(1);
      const opened = (await votes()).slice(before);
      expect(opened.map((v) => v.subject)).toEqual([{ type: 'amendment', id: amendment }]);
      expect((await chairApi.get(`/api/documents/${DOC}`)).body.stage).toBe('negotiation');
      // The form waits for the next subject instead of offering one by itself, and says so.
      expect(await chair.getByLabel('Subject').inputValue()).toBe('');
      expect(await chair.locator('.open-vote-form .form-error').textContent()).toBe('Choose what the vote is on.');
    },
  );

  it(
    'the form keeps the rule, quorum and subject the chair chose while others change a status and co-sponsor',
    { timeout: 60_000 },
    async () => {
      const amendment = await propose('OP5', 'Invites UNESCO to report on progress every two years.');
      const chair = await chairConsole();
      const secretariat = await suite.server.login('secretariat');
      const deu = await suite.server.login('deu-head');

      await chair.getByLabel('Subject').selectOption(`amendment:${amendment}`);
      await chair.getByRole('radio', { name: /^Two-thirds majority/ }).check();
      await chair.getByLabel('Quorum').click();
      await chair.keyboard.type('0.');

      // Meanwhile, others act: each change reaches the console live.
      expect((await deu.post(`/api/amendments/${amendment}/cosponsor`)).status).toBeLessThan(300);
      expect(
        (
          await secretariat.post(`/api/documents/${DOC}/clauses/${clauseId('OP2')}/status`, {
            status: 'under_discussion',
          })
        ).status,
      ).toBe(200);
      await expect
        .poll(() =>
          chair
            .locator(`.agenda-item[data-clause-id="${clauseId('OP2')}"] .badge`)
            .first()
            .textContent(),
        )
        .toBe('Under discussion');
      await settle(chair);

      // The chair goes on typing where they were.
      await chair.keyboard.type('5');
      expect(await chair.getByLabel('Quorum').inputValue()).toBe('0.5');
      expect(await chair.getByRole('radio', { name: /^Two-thirds majority/ }).isChecked()).toBe(true);
      expect(await chair.getByLabel('Subject').inputValue()).toBe(`amendment:${amendment}`);

      // From the keyboard: the button is disabled while the request is in flight, and the focus comes back to it.
      await chair.getByRole('button', { name: 'Open the vote' }).focus();
      await chair.keyboard.press('Enter');
      await expect
        .poll(() => chair.getByRole('status').first().textContent())
        .toContain('Vote opened on amendment by France to OP5');
      await expect.poll(() => chair.evaluate(() => document.activeElement?.textContent)).toBe('Open the vote');
      const vote = (await votes()).at(-1)!;
      expect(vote).toMatchObject({ subject: { type: 'amendment', id: amendment }, rule: 'two_thirds', quorum: 0.5 });
    },
  );

  it(
    'an amendment withdrawn after the chair chose it is refused with a message, not replaced by another subject',
    { timeout: 60_000 },
    async () => {
      const amendment = await propose('OP6', 'Recommends a review of teacher training.');
      const before = (await votes()).length;
      const chair = await chairConsole();
      const posts = sent(chair, 'POST', /\/votes$/);

      await chair.getByLabel('Subject').selectOption(`amendment:${amendment}`);
      expect((await fra.post(`/api/amendments/${amendment}/withdraw`)).status).toBeLessThan(300);
      await expect.poll(() => chair.locator(`.agenda-amendments [data-amendment-id="${amendment}"]`).count()).toBe(0);

      // What the chair sees is still what they chose, marked as gone.
      expect(await chair.getByLabel('Subject').inputValue()).toBe(`amendment:${amendment}`);
      await chair.getByRole('button', { name: 'Open the vote' }).click();
      const error = chair.locator('.open-vote-form .form-error');
      await expect
        .poll(() => error.textContent())
        .toBe('The amendment by France to OP6 was withdrawn. Choose another subject.');
      await settle(chair);
      expect(posts).toHaveLength(0);
      expect((await votes()).length).toBe(before);

      // The message goes once the chair has chosen again.
      await chair.getByLabel('Subject').selectOption(`clause:${clauseId('OP6')}`);
      await expect.poll(() => error.textContent()).toBe('');
    },
  );

  it('an error clears when the situation it described changes', { timeout: 60_000 }, async () => {
    const amendment = await propose('OP7', 'Urges Member States to fund accessible schools.');
    const opened = await chairApi.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'amendment', id: amendment },
      rule: 'consensus',
    });
    expect(opened.status).toBe(201);
    const kaz = await suite.server.login('kaz-head');
    expect((await kaz.post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' })).status).toBe(200);
    const secretariat = await suite.server.login('secretariat');
    // The clause is agreed ad referendum while its amendment is before the vote: an adopted amendment cannot
    // be applied, so closing is refused until the clause is unlocked.
    expect(
      (await secretariat.post(`/api/documents/${DOC}/clauses/${clauseId('OP7')}/status`, { status: 'agreed_ad_ref' }))
        .status,
    ).toBe(200);
    const chair = await chairConsole();
    expectConsoleErrors(chair, /status of 403 .*\/close\)/); // the refusal the console explains
    const card = chair.locator(`.vote-card.live[data-vote-id="${opened.body.id}"]`);

    await card.getByRole('button', { name: 'Close the vote' }).click();
    await expect.poll(() => chair.getByText(/agreed ad referendum/).count()).toBe(1);
    // The button is back for another try.
    expect(await card.getByRole('button', { name: 'Close the vote' }).isEnabled()).toBe(true);

    expect(
      (await secretariat.post(`/api/documents/${DOC}/clauses/${clauseId('OP7')}/status`, { status: 'open' })).status,
    ).toBe(200);
    await expect.poll(() => chair.getByText(/agreed ad referendum/).count()).toBe(0);
  });

  it(
    'a double-click on the ballot’s confirmation records one ballot, and a retry after a lost answer sends the same key',
    { timeout: 60_000 },
    async () => {
      const opened = await chairApi.post(`/api/documents/${DOC}/votes`, {
        subject: { type: 'clause', id: clauseId('OP1') },
        rule: 'simple_majority',
      });
      expect(opened.status).toBe(201);
      const voteId = opened.body.id as string;
      const head = await open('kaz-head', `/documents/${DOC}/delegation`);
      const card = head.locator(`.vote-card[data-vote-id="${voteId}"]`);
      const ballots = sent(head, 'POST', /\/ballots$/);

      await card.getByRole('radio', { name: 'Yes', exact: true }).check();
      await card.getByRole('button', { name: 'Cast ballot' }).click();
      const [x, y] = await centre(card.getByRole('button', { name: 'Confirm' }));
      await head.mouse.dblclick(x, y);
      await expect.poll(() => card.locator('.own-ballot').textContent()).toBe('Cast: Yes');
      await settle(head);

      expect(ballots).toHaveLength(1);
      const vote = (await chairApi.get(`/api/votes/${voteId}`)).body;
      expect(vote.ballots).toEqual([expect.objectContaining({ delegation: 'KAZ', choice: 'yes', changes: 0 })]);

      // The connection drops as a change is sent: the head presses again, and the retry carries the key of the
      // first try, so a server that had it after all answers without recording it twice.
      let lose = true;
      expectConsoleErrors(head, /ERR_CONNECTION_RESET .*\/ballots\)/);
      await head.route('**/ballots', async (route) => {
        if (!lose) return route.continue();
        lose = false;
        await route.abort('connectionreset');
      });
      await card.getByRole('radio', { name: 'No', exact: true }).check();
      await card.getByRole('button', { name: 'Change ballot' }).click();
      await card.getByRole('button', { name: 'Confirm' }).click();
      await expect.poll(() => head.getByText(/The server cannot be reached/).count()).toBe(1);
      await card.getByRole('button', { name: 'Confirm' }).click();
      await expect.poll(() => card.locator('.own-ballot').textContent()).toBe('Cast: No');
      expect(ballots).toHaveLength(3);
      const [, lost, retry] = ballots.map((r) => r.headers()['idempotency-key']);
      expect(lost).toBeDefined();
      expect(retry).toBe(lost);
      expect(ballots[0]!.headers()['idempotency-key']).not.toBe(lost);
    },
  );

  it(
    'elsewhere too, a double-click sends one request: a new account, a co-sponsorship',
    { timeout: 60_000 },
    async () => {
      const admin = await open('admin', '/admin');
      const accounts = sent(admin, 'POST', /\/api\/admin\/users$/);
      await admin.getByLabel('Username').fill('guest-1');
      await admin.getByLabel('Full name').fill('Guest One');
      await admin.getByRole('button', { name: 'Create account' }).dblclick();
      await admin.getByRole('cell', { name: 'guest-1' }).waitFor();
      await settle(admin);
      expect(accounts).toHaveLength(1);
      // Unless the form is told otherwise, a new account may only read.
      expect(accounts[0]!.postDataJSON()).toMatchObject({ username: 'guest-1', role: 'observer' });
      // No "username taken" from a second request.
      expect(await admin.locator('[role=alert]:not(:empty)').count()).toBe(0);

      const amendment = await propose('OP8', 'Calls for accessible examinations.');
      const deu = await open('deu-head', `/documents/${DOC}`);
      await deu.getByRole('button', { name: /^Amendments to OP8 awaiting a decision/ }).click();
      const cosponsors = sent(deu, 'POST', /\/cosponsor$/);
      const card = deu.locator(`.clause-panel article[data-amendment-id="${amendment}"]`);
      await card.getByRole('button', { name: 'Co-sponsor' }).dblclick();
      await expect.poll(() => card.locator('.sponsors').innerText()).toMatch(/Co-sponsors.*DEU/s);
      await settle(deu);
      expect(cosponsors).toHaveLength(1);
      expect(cosponsors[0]!.headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
      expect(await deu.locator('.clause-panel [role=alert]:not(:empty)').count()).toBe(0);
    },
  );
});
