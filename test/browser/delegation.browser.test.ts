import { beforeAll, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import type { ApiClient } from '../helpers/server.js';
import { holdJoins } from '../helpers/events.js';
import { audit, describeBrowser, useBrowserSuite, usePages } from '../helpers/browser.js';

const DOC = 'almaty-declaration';
/** Where pictures of the page go when asked for (`DELEGATION_SCREENSHOTS=/tmp/shots`), at two sizes. */
const SHOTS = process.env.DELEGATION_SCREENSHOTS;

describeBrowser('the delegation’s page', () => {
  const suite = useBrowserSuite();
  const { open } = usePages(suite);
  let chair: ApiClient;
  let clauses: { id: string; ref: string; text: string }[];
  const clause = (ref: string) => clauses.find((c) => c.ref === ref)!;

  beforeAll(async () => {
    chair = await suite.server.login('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    clauses = (await chair.get(`/api/documents/${DOC}`)).body.clauses;
  });

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${SHOTS}/delegation-${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  async function closeVote(id: string): Promise<void> {
    expect((await chair.post(`/api/votes/${id}/close`, {})).status).toBe(200);
  }

  it('says no vote is open and what comes next, and does not say “You cast your delegation’s ballot”', async () => {
    const head = await open('kaz-head', `/documents/${DOC}/delegation`);
    const openVotes = head.getByRole('region', { name: 'Open votes' });
    await openVotes.getByText('No vote is open.').waitFor();
    expect(await openVotes.textContent()).toContain('When the chair opens a vote, it appears here at once');
    expect(await head.locator('main').textContent()).not.toContain('You cast your delegation’s ballot');
    // Endorsements have a section of their own, apart from the votes.
    const endorsements = head.getByRole('region', { name: 'Endorsement of the adopted text' });
    expect(await endorsements.textContent()).toContain('Endorsements open once the declaration is adopted.');
    expect(await openVotes.getByText('Endorsement of the adopted text').count()).toBe(0);
    expect(await audit(head)).toEqual([]);
    await shoot(head, 'empty');
  }, 60_000);

  it('a clause vote arrives live with the clause’s text first, then the ballot, the receipt and an explanation', async () => {
    const head = await open('deu-head', `/documents/${DOC}/delegation`);
    await head.getByText('No vote is open.').waitFor();
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clause('OP2').id },
      rule: 'simple_majority',
    });
    expect(opened.status).toBe(201);
    const card = head.locator(`.vote-card[data-vote-id="${opened.body.id}"]`);
    const subject = card.getByRole('region', { name: 'What is being voted on' });
    await expect
      .poll(() => subject.locator('.subject-text').innerText(), { timeout: 10_000 })
      .toContain(clause('OP2').text.slice(0, 40));
    expect(await head.getByText('No vote is open.').count()).toBe(0);
    // What is voted on comes before the ballot, which says who casts it now that a vote is open.
    const ballot = card.getByRole('region', { name: 'Your delegation’s ballot' });
    expect(await ballot.locator('.role-note').textContent()).toBe('You cast your delegation’s ballot.');
    const [subjectTop, ballotTop] = [await subject.boundingBox(), await ballot.boundingBox()];
    expect(subjectTop!.y <= ballotTop!.y && subjectTop!.x <= ballotTop!.x).toBe(true);
    await shoot(head, 'clause-open');

    await ballot.getByRole('radio', { name: 'Yes', exact: true }).check();
    await ballot.getByRole('button', { name: 'Cast ballot' }).click();
    await ballot.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => ballot.locator('.own-ballot').textContent()).toBe('Cast: Yes');
    // The receipt of the ballot just cast, fetched without asking.
    await expect.poll(() => ballot.locator('.receipt[data-entry]').count(), { timeout: 10_000 }).toBe(1);
    await ballot.getByLabel('Explanation before the vote').fill('We vote for the right to education.');
    await ballot.getByRole('button', { name: 'Record explanation' }).click();
    await expect.poll(() => head.getByRole('status').first().textContent()).toBe('Explanation recorded.');
    expect(await audit(head)).toEqual([]);
    await shoot(head, 'clause-cast');

    await closeVote(opened.body.id);
    await head.getByText('No vote is open.').waitFor();
    // Closed, it moves to the past votes with its result; the text folds away under “What was voted on”.
    const past = head.locator(`.vote-card[data-status="closed"][data-vote-id="${opened.body.id}"]`);
    await past.locator('.vote-result').waitFor();
    expect(await past.locator('details.voted-on summary').textContent()).toBe('What was voted on');
    expect(await past.getByLabel('Explanation after the vote').count()).toBe(1);
    expect(await head.locator('main').textContent()).not.toContain('You cast your delegation’s ballot');
  }, 60_000);

  it('an amendment proposed after the page opened is shown struck and underlined when put to the vote', async () => {
    const head = await open('gbr-head', `/documents/${DOC}/delegation`);
    await head.getByText('No vote is open.').waitFor();
    const fra = await suite.server.login('fra-delegate');
    const proposed = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: clause('OP3').id,
      kind: 'replace',
      text: clause('OP3').text.replace(/inclusive/, 'inclusive and equitable'),
      rationale: 'Equity belongs beside inclusion.',
    });
    expect(proposed.status).toBe(201);
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'amendment', id: proposed.body.id },
      rule: 'simple_majority',
    });
    expect(opened.status).toBe(201);
    const card = head.locator(`.vote-card[data-vote-id="${opened.body.id}"]`);
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 10_000 }).toBe('amendment by France to OP3');
    const subject = card.getByRole('region', { name: 'What is being voted on' });
    expect(await subject.locator('ins').allInnerTexts()).toEqual([expect.stringContaining('equitable')]);
    expect(await subject.locator('.subject-amendment').innerText()).toContain('Replace OP3');
    expect(await subject.locator('.subject-amendment abbr').first().textContent()).toContain('FRA');
    expect(await subject.locator('.rationale').innerText()).toContain('Equity belongs beside inclusion.');
    expect(await audit(head)).toEqual([]);
    await shoot(head, 'amendment-open');
    await closeVote(opened.body.id);
  }, 60_000);

  it('a delegate who does not cast sees who does, only while a vote is open', async () => {
    const delegate = await open('ita-delegate', `/documents/${DOC}/delegation`);
    await delegate.getByText('No vote is open.').waitFor();
    expect(await delegate.locator('main').textContent()).not.toContain('Your head of delegation casts the ballot');
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'document' },
      rule: 'consensus',
      acknowledge: true,
    });
    expect(opened.status).toBe(201);
    const card = delegate.locator(`.vote-card[data-vote-id="${opened.body.id}"]`);
    await expect
      .poll(() => card.locator('.role-note').textContent(), { timeout: 10_000 })
      .toBe('Your head of delegation casts the ballot; you see what was cast.');
    const subject = card.getByRole('region', { name: 'What is being voted on' });
    expect(await subject.textContent()).toContain('The whole text of the declaration, as it now stands.');
    expect(await subject.getByRole('link', { name: 'Read the text' }).getAttribute('href')).toBe(`/documents/${DOC}`);
    expect(await card.getByRole('button', { name: 'Cast ballot' }).count()).toBe(0);
    await shoot(delegate, 'document-delegate');
    await closeVote(opened.body.id);
    // Closed without a ballot from Italy: it says none was cast, not that none is cast “yet”.
    const past = delegate.locator(`.vote-card[data-status="closed"][data-vote-id="${opened.body.id}"]`);
    await expect.poll(() => past.locator('.own-ballot').textContent(), { timeout: 10_000 }).toBe('No ballot was cast.');
  }, 60_000);

  it('a vote opened between the page’s first read and its first join is there once the join lands', async () => {
    const joins = holdJoins(suite.server, 'esp-head');
    try {
      const head = await open('esp-head', `/documents/${DOC}/delegation`);
      await head.getByText('No vote is open.').waitFor();
      await expect.poll(() => joins.count()).toBeGreaterThan(0);
      const opened = await chair.post(`/api/documents/${DOC}/votes`, {
        subject: { type: 'clause', id: clause('OP1').id },
        rule: 'simple_majority',
      });
      expect(opened.status).toBe(201);
      await suite.server.ctx.events.settled();
      const card = head.locator(`.vote-card[data-vote-id="${opened.body.id}"]`);
      // Its event went out to the room before the page was in it: nothing shows the vote yet.
      expect(await card.count()).toBe(0);
      joins.letThrough();
      // The join's answer counts an event the page's read did not: the page reads again and shows the vote.
      await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
      expect(await head.getByText('No vote is open.').count()).toBe(0);
      expect(await audit(head)).toEqual([]);
      await closeVote(opened.body.id);
    } finally {
      joins.stop();
    }
  }, 60_000);

  it('a vote opened between the document page’s reads and its first join is in its banner once the join lands', async () => {
    const joins = holdJoins(suite.server, 'esp-delegate');
    try {
      const reader = await open('esp-delegate', '/documents');
      const votesRead = reader.waitForResponse((res) => new URL(res.url()).pathname === `/api/documents/${DOC}/votes`);
      await reader.goto(`${suite.server.url}/documents/${DOC}`);
      await votesRead;
      await expect.poll(() => joins.count()).toBeGreaterThan(0);
      const banner = reader.locator('.vote-banner');
      expect(await banner.textContent()).toBe('');
      const opened = await chair.post(`/api/documents/${DOC}/votes`, {
        subject: { type: 'clause', id: clause('OP4').id },
        rule: 'simple_majority',
      });
      expect(opened.status).toBe(201);
      await suite.server.ctx.events.settled();
      expect(await banner.textContent()).toBe('');
      joins.letThrough();
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('A vote is open: OP4');
      expect(await audit(reader)).toEqual([]);
      await closeVote(opened.body.id);
    } finally {
      joins.stop();
    }
  }, 60_000);

  it('a vote opened while the page’s connection was down is there once it is back', async () => {
    const head = await open('fra-head', `/documents/${DOC}/delegation`);
    // The page's events pass through here: while offline, the connection is cut and every new one let open and
    // closed at once, before socket.io's handshake (as a network that is still away, or away again, leaves it).
    let offline = false;
    let refused = 0;
    const connections: WebSocketRoute[] = [];
    await head.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) return void (refused++, ws.close());
      connections.push(ws);
      ws.connectToServer();
    });
    await head.reload();
    await head.getByText('No vote is open.').waitFor();
    offline = true;
    for (const ws of connections.splice(0)) await ws.close();
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clause('OP3').id },
      rule: 'simple_majority',
    });
    expect(opened.status).toBe(201);
    // The page tries to come back while it is still offline (its first try comes within 1.5 s)...
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(0);
    const card = head.locator(`.vote-card[data-vote-id="${opened.body.id}"]`);
    // ...and its event went out while the page was away: nothing shows it yet.
    expect(await card.count()).toBe(0);
    offline = false;
    // Back in the document's room, the page reads what it missed. The cut try counts as failed at once, and the
    // next comes after socket.io's backoff (2 s, randomised by half, for the second try), so the card is there
    // within a few seconds: 12 s leaves room for a loaded machine. A try cut before its handshake used to be
    // waited out for socket.io's 20 s connection timeout first (client/api/socket.ts, `PromptManager`).
    await expect.poll(() => card.count(), { timeout: 12_000 }).toBe(1);
    expect(await head.getByText('No vote is open.').count()).toBe(0);
    expect(await audit(head)).toEqual([]);
    await closeVote(opened.body.id);
  }, 60_000);
});
