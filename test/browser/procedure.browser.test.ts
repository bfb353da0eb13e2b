import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import type { Stage } from '../../shared/domain/stages.js';
import type { ApiClient } from '../helpers/server.js';
import { describeBrowser, expectConsoleErrors, signedInPage, useBrowserSuite } from '../helpers/browser.js';
import { FINISHED_TEXT, freshDocument, signedIn } from '../helpers/documents.js';
import { script } from '../helpers/scripts.js';

/** "5b0e 91d2 a3f4 0c11 …": the short form a fingerprint is read out in. */
const short = (hex: string): string => `${hex.slice(0, 16).match(/.{4}/g)!.join(' ')} …`;

/**
 * The procedure as the chair, the delegations and the public see it: the stepper (forward, back with a reason,
 * held up by an open vote), adoption without a vote through the list of unfinished work, the adopted text's
 * fingerprint on the projector and the export page, lapsed votes, and a head's ballot receipt checked by
 * `npm run verify-ledger -- --receipt FILE`.
 */
describeBrowser('the procedure, in the browser', () => {
  const suite = useBrowserSuite();
  const as = signedIn(() => suite.server);
  const contexts: BrowserContext[] = [];
  let chairApi: ApiClient;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-receipts-'));

  beforeAll(async () => {
    chairApi = await as('chair');
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function open(username: string, pathname: string): Promise<Page> {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', pathname);
    contexts.push(context);
    return page;
  }

  async function chairConsole(documentId: string): Promise<Page> {
    const page = await open('chair', `/documents/${documentId}/chair`);
    await page.getByRole('heading', { name: 'Chair’s console' }).waitFor();
    return page;
  }

  /** The requests `page` sends that match, as they leave the browser. */
  function sent(page: Page, method: string, pattern: RegExp): Request[] {
    const list: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === method && pattern.test(new URL(request.url()).pathname)) list.push(request);
    });
    return list;
  }

  const stageOf = async (id: string): Promise<Stage> => (await suite.server.ctx.store.documents.get(id))!.stage;
  const entries = async (id: string, action: string) =>
    (await suite.server.ctx.store.audit.forDocument(id)).filter((e) => e.action === action);
  const currentStep = (page: Page) => page.locator('.stepper [aria-current="step"]').getAttribute('data-step');
  const announced = (page: Page) => page.locator('.chair-announcer').textContent();
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);
  /**
   * How long a poll waits for what the pages and the server do after a press or an event: as long as a locator
   * waits (the context's default), not vitest's 1 s, which a round trip on a loaded machine overruns.
   */
  const settled = { timeout: 20_000 };

  it(
    'moves the text forward in one press, and back with a reason typed across live events and kept in the ledger',
    { timeout: 90_000 },
    async () => {
      const doc = await freshDocument(suite.server, 'drafting');
      const chair = await chairConsole(doc.id);
      expect(await currentStep(chair)).toBe('drafting');
      // Every stage is shown; the current one is marked, not disabled; adoption is no button from here.
      expect(
        await chair.locator('.stepper .step').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step'))),
      ).toEqual(['drafting', 'negotiation', 'adoption', 'adopted']);
      expect(await chair.locator('.stepper [data-step="adopted"] button').count()).toBe(0);
      // The current stage is no pressed button drawn like a disabled one: it holds no control, at full strength.
      const current = chair.locator('.stepper [aria-current="step"]');
      expect(await current.locator('button, [disabled], [aria-disabled="true"], [aria-pressed]').count()).toBe(0);
      expect(await current.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');

      await chair.getByRole('button', { name: 'Move to Negotiation' }).click();
      await expect.poll(() => stageOf(doc.id)).toBe('negotiation');
      await expect.poll(() => currentStep(chair)).toBe('negotiation');
      expect(await announced(chair)).toBe('The document is now at the Negotiation stage.');

      const moves = sent(chair, 'POST', /\/stage$/);
      await chair.getByRole('button', { name: 'Back to Drafting…' }).click();
      const reason = chair.getByLabel('Why the text goes back');
      await expect.poll(() => focusedId(chair)).toBe('stage-reason');
      // No reason, no request.
      await chair.getByRole('button', { name: 'Move back to Drafting' }).click();
      await expect
        .poll(() => chair.locator('.stepper-box > .action-error').textContent())
        .toBe('Give a reason for going back to an earlier stage.');
      expect(moves).toHaveLength(0);

      await reason.click();
      await chair.keyboard.type('OP1 needs ');
      // The room keeps working while the chair types: each change redraws the console.
      const secretariat = await as('secretariat');
      expect(
        (
          await secretariat.post(`/api/documents/${doc.id}/clauses/${doc.clauses[2]}/status`, {
            status: 'under_discussion',
          })
        ).status,
      ).toBe(200);
      await expect
        .poll(() => chair.locator(`.agenda-item[data-clause-id="${doc.clauses[2]}"] .badge`).first().textContent())
        .toBe('Under discussion');
      expect(
        (await secretariat.post(`/api/documents/${doc.id}/clauses/${doc.clauses[3]}/status`, { status: 'bracketed' }))
          .status,
      ).toBe(200);
      await expect
        .poll(() => chair.locator(`.agenda-item[data-clause-id="${doc.clauses[3]}"] .badge`).first().textContent())
        .toBe('Bracketed');
      await chair.keyboard.type('another drafting round.');
      expect(await reason.inputValue()).toBe('OP1 needs another drafting round.');
      expect(await focusedId(chair)).toBe('stage-reason');

      await chair.getByRole('button', { name: 'Move back to Drafting' }).click();
      await expect.poll(() => stageOf(doc.id)).toBe('drafting');
      await expect.poll(() => currentStep(chair)).toBe('drafting');
      expect(moves).toHaveLength(1);
      expect(moves[0]!.postDataJSON()).toEqual({ stage: 'drafting', reason: 'OP1 needs another drafting round.' });
      const [, back] = await entries(doc.id, 'document.stage');
      expect(back).toMatchObject({
        actor: 'chair',
        payload: { from: 'negotiation', to: 'drafting', reason: 'OP1 needs another drafting round.' },
      });
      expect(await announced(chair)).toBe(
        'The document went back to Drafting. Reason: OP1 needs another drafting round.',
      );
      expect(await chair.getByLabel('Why the text goes back').count()).toBe(0);
    },
  );

  it('holds every move while a vote is open, and says why beside it', { timeout: 60_000 }, async () => {
    const doc = await freshDocument(suite.server, 'negotiation');
    const chair = await chairConsole(doc.id);
    const forward = chair.getByRole('button', { name: 'Move to Adoption' });
    const back = chair.getByRole('button', { name: 'Back to Drafting…' });
    expect(await forward.isEnabled()).toBe(true);
    // The chair has begun to give a reason for going back when a vote opens.
    await back.click();
    await chair.getByLabel('Why the text goes back').fill('The preamble needs work.');
    const submit = chair.getByRole('button', { name: 'Move back to Drafting' });

    const vote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clauses[2] },
      rule: 'consensus',
    });
    expect(vote.status).toBe(201);
    await expect.poll(() => forward.isDisabled()).toBe(true);
    expect(await back.isDisabled()).toBe(true);
    expect(await submit.isDisabled()).toBe(true);
    expect(await chair.locator('#step-note-adoption').textContent()).toBe('Close the votes in progress first.');
    expect(await forward.getAttribute('aria-describedby')).toBe('step-note-adoption');

    expect((await chairApi.post(`/api/votes/${vote.body.id}/close`)).status).toBe(200);
    await expect.poll(() => forward.isEnabled()).toBe(true);
    expect(await chair.locator('#step-note-adoption').count()).toBe(0);
    expect(await submit.isEnabled()).toBe(true);
    expect(await chair.getByLabel('Why the text goes back').inputValue()).toBe('The preamble needs work.');
  });

  it(
    'holds an amendment vote’s close while the whole text is put to the vote, and says why',
    { timeout: 60_000 },
    async () => {
      const doc = await freshDocument(suite.server, 'negotiation');
      const proposed = await (
        await as('fra-delegate')
      ).post(`/api/documents/${doc.id}/amendments`, {
        clauseId: doc.clauses[2],
        kind: 'replace',
        text: '*Urges* States to act now.',
        rationale: 'Stronger.',
      });
      expect(proposed.status).toBe(201);
      const amendmentVote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'amendment', id: proposed.body.id },
        rule: 'simple_majority',
      });
      expect(amendmentVote.status).toBe(201);
      // Every page of the document names the amendment under vote: who proposed it, to which clause.
      const delegate = await open('kaz-delegate', `/documents/${doc.id}`);
      await expect
        .poll(() => delegate.locator('.vote-banner').textContent())
        .toBe('A vote is open: amendment by France to OP1 ');
      const chair = await chairConsole(doc.id);
      const close = chair.locator(`#close-${amendmentVote.body.id}`);
      await expect.poll(() => close.isEnabled()).toBe(true);

      const documentVote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'document' },
        rule: 'simple_majority',
        acknowledge: true,
      });
      expect(documentVote.status).toBe(201);
      await expect.poll(() => close.isDisabled()).toBe(true);
      expect(await chair.locator(`#waits-${amendmentVote.body.id}`).textContent()).toBe(
        'Its result would change the text being voted on: close the vote on the whole text first.',
      );
      expect(await close.getAttribute('aria-describedby')).toBe(`waits-${amendmentVote.body.id}`);

      expect((await chairApi.post(`/api/votes/${documentVote.body.id}/close`)).status).toBe(200);
      await expect.poll(() => close.isEnabled()).toBe(true);
      expect(await chair.locator(`#waits-${amendmentVote.body.id}`).count()).toBe(0);
    },
  );

  it(
    'adopts without a vote, with the objection window given, once the chair has read the list of what is unfinished — checked again when it changed',
    { timeout: 120_000 },
    async () => {
      const doc = await freshDocument(suite.server, 'negotiation');
      const fra = await as('fra-delegate');
      const amendment = await fra.post(`/api/documents/${doc.id}/amendments`, {
        clauseId: doc.clauses[2],
        kind: 'replace',
        text: '*Calls upon* States to act at once.',
        rationale: 'Urgency.',
      });
      expect(amendment.status).toBe(201);
      expect((await chairApi.post(`/api/documents/${doc.id}/stage`, { stage: 'adoption' })).status).toBe(200);
      const chair = await chairConsole(doc.id);
      const kaz = await open('kaz-head', `/documents/${doc.id}/delegation`);
      await kaz.getByRole('heading', { name: 'Open votes' }).waitFor();
      const adoptions = sent(chair, 'POST', /\/adoption$/);
      expectConsoleErrors(chair, /status of 409 .*\/adoption\)/); // held back until the list is read

      await chair.getByRole('button', { name: 'Adopt without a vote…' }).click();
      await expect.poll(() => focusedId(chair), settled).toBe('objection-window');
      await chair.keyboard.type('5');
      await chair.getByRole('button', { name: 'Record the adoption' }).click();
      const list = chair.locator('#ack-adopt');
      await list.waitFor();
      await expect.poll(() => focusedId(chair), settled).toBe('ack-adopt-title');
      expect(await list.getByRole('heading', { level: 3 }).textContent()).toBe('Before the text is adopted');
      const items = () => list.locator('.ack-items li').evaluateAll((lis) => lis.map((li) => li.textContent));
      expect(await items()).toEqual([
        'Title: Open',
        'PP1: Open',
        'OP1: Open',
        'OP2: Open',
        'Amendment by France to OP1 (Submitted)',
      ]);
      // Each item leads to where the chair can see it.
      expect(await list.getByRole('link', { name: 'OP1', exact: true }).getAttribute('href')).toBe(
        `/documents/${doc.id}#clause-${doc.clauses[2]}`,
      );
      expect(await list.getByRole('link', { name: 'Amendment by France to OP1' }).getAttribute('href')).toBe(
        `/documents/${doc.id}/compilation#amendment-${amendment.body.id}`,
      );
      await expect.poll(() => adoptions.map((r) => r.postDataJSON()), settled).toEqual([{ objectionWindowMinutes: 5 }]);
      expect(await stageOf(doc.id)).toBe('adoption');

      // While the chair reads, a vote on OP2 opens (from another tab) and Kazakhstan votes in it.
      const vote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'clause', id: doc.clauses[3] },
        rule: 'consensus',
      });
      expect(vote.status).toBe(201);
      expect((await (await as('kaz-head')).post(`/api/votes/${vote.body.id}/ballots`, { choice: 'yes' })).status).toBe(
        200,
      );
      await expect
        .poll(() => list.locator('.ack-note').textContent(), settled)
        .toBe('Something listed here has changed since the list was drawn. It is checked again when you confirm.');

      // The first confirmation finds the list grown: nothing is adopted, the new list is shown to be read.
      await list.getByRole('button', { name: 'Adopt all the same' }).click();
      await expect
        .poll(() => list.locator('.ack-note').textContent(), settled)
        .toBe('The list changed since you read it: it now holds something new. Read it again before you confirm.');
      expect(await items()).toContain('Vote on OP2');
      expect(await list.getByRole('link', { name: 'Vote on OP2' }).getAttribute('href')).toBe(`#live-${vote.body.id}`);
      expect(await stageOf(doc.id)).toBe('adoption');
      await expect
        .poll(() => adoptions.map((r) => r.postDataJSON()), settled)
        .toEqual([{ objectionWindowMinutes: 5 }, { objectionWindowMinutes: 5 }]);

      await list.getByRole('button', { name: 'Adopt all the same' }).click();
      await expect.poll(() => stageOf(doc.id), settled).toBe('adopted');
      // The page's request events reach the test after the server has answered: wait for the last one.
      await expect
        .poll(() => adoptions.map((r) => r.postDataJSON()), settled)
        .toEqual([
          { objectionWindowMinutes: 5 },
          { objectionWindowMinutes: 5 },
          { objectionWindowMinutes: 5 },
          { objectionWindowMinutes: 5, acknowledge: true },
        ]);
      const [stage] = (await entries(doc.id, 'document.stage')).filter((e) => e.payload.to === 'adopted');
      expect((stage!.payload.acknowledged as { kind: string }[]).map((i) => i.kind)).toEqual([
        'not_agreed',
        'not_agreed',
        'not_agreed',
        'not_agreed',
        'amendment_undecided',
        'open_vote',
      ]);
      const [record] = await entries(doc.id, 'document.adopted');
      expect(record!.payload).toMatchObject({ method: 'without_vote', objectionWindowMinutes: 5 });
      const fingerprint = record!.payload.fingerprint as string;

      // The console says it, shows the fingerprint the ledger holds and what lapsed, and offers nothing more.
      await expect
        .poll(() => announced(chair), settled)
        .toBe(`The declaration is adopted without a vote. Fingerprint of the adopted text: ${short(fingerprint)}`);
      await expect.poll(() => currentStep(chair), settled).toBe('adopted');
      await expect
        .poll(() => chair.locator('.adoption-record [data-fingerprint]').getAttribute('data-fingerprint'), settled)
        .toBe(fingerprint);
      expect(await chair.locator('.adoption-record').textContent()).toContain(
        'Without a vote, with an objection window of 5 minutes.',
      );
      await expect
        .poll(() => chair.locator('.lapsed-list li').allTextContents(), settled)
        .toEqual(['vote on OP2', 'amendment by France to OP1']);
      expect(await chair.locator('.stepper button').count()).toBe(0);
      expect(await chair.locator('.open-vote-form').isVisible()).toBe(false);
      expect(await chair.locator(`.vote-card.lapsed[data-vote-id="${vote.body.id}"]`).textContent()).toContain(
        'Lapsed at adoption',
      );

      // Kazakhstan's page shows the vote as lapsed, with its ballot, and takes no other.
      const card = kaz.locator(`.vote-card[data-vote-id="${vote.body.id}"]`);
      await expect.poll(() => card.getAttribute('data-status'), settled).toBe('lapsed');
      expect(await card.locator('.vote-lapsed').textContent()).toBe(
        'Lapsed at adoption The text was adopted while this vote was in progress: it decided nothing.',
      );
      expect(await card.locator('.own-ballot').textContent()).toBe('Cast: Yes');
      expect(await card.getByRole('button', { name: /ballot$/ }).count()).toBe(0);
      expect(await card.locator('textarea').count()).toBe(0);
      // So does the amendment, in the clause panel and the compilation.
      const compilation = await open('observer', `/documents/${doc.id}/compilation`);
      expect(await compilation.locator(`#amendment-${amendment.body.id} .amendment-status`).textContent()).toBe(
        'Lapsed at adoption',
      );
      const reader = await open('observer', `/documents/${doc.id}`);
      await reader.locator('[data-ref="OP1"] .counter-button.amendments').click();
      expect(
        await reader
          .locator(`.clause-panel article[data-amendment-id="${amendment.body.id}"] .amendment-status`)
          .textContent(),
      ).toBe('Lapsed at adoption');
    },
  );

  it(
    'shows the fingerprint the ledger holds, and the conference key’s, on the projector and the export page',
    { timeout: 60_000 },
    async () => {
      const doc = await freshDocument(suite.server, 'adoption', FINISHED_TEXT);
      const vote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'clause', id: doc.clauses[3] },
        rule: 'consensus',
      });
      expect(vote.status).toBe(201);
      // The hall's screen is on before the chair records the adoption: it changes as it happens.
      const projector = await open('observer', `/projector/${doc.id}`);
      await projector.locator('.projector-vote[data-status="open"]').waitFor();
      expect(
        (await chairApi.post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 0, acknowledge: true }))
          .status,
      ).toBe(200);
      const [record] = await entries(doc.id, 'document.adopted');
      const adopted = { id: doc.id, fingerprint: record!.payload.fingerprint as string };
      const key = (await suite.server.anonymous().get('/api/ledger/public-key')).body.fingerprint as string;
      expect(key).toMatch(/^ed25519:[0-9a-f-]{39}$/);

      const shown = projector.locator('.projector-fingerprints');
      await shown.waitFor();
      expect(await projector.locator('.projector-adopted').textContent()).toBe('The declaration is adopted.');
      expect(await shown.locator('[data-fingerprint]').getAttribute('data-fingerprint')).toBe(adopted.fingerprint);
      expect(await shown.locator('.fingerprint-short').textContent()).toBe(short(adopted.fingerprint));
      expect((await shown.locator('.fingerprint-full').textContent())!.replaceAll(' ', '')).toBe(adopted.fingerprint);
      await expect.poll(() => shown.locator('[data-key-fingerprint]').textContent()).toBe(key);
      expect(await projector.locator('.projector-method').textContent()).toBe(
        'Without a vote, with an objection window of 0 minutes.',
      );
      expect(await projector.locator('.projector-lapsed').textContent()).toBe('Lapsed at adoption: vote on OP2');

      const exportPage = await open('secretariat', `/documents/${adopted.id}/export`);
      const integrity = exportPage.locator('.export-integrity');
      await integrity.waitFor();
      expect(await integrity.locator('[data-fingerprint]').getAttribute('data-fingerprint')).toBe(adopted.fingerprint);
      expect(await exportPage.locator('.export-summary').textContent()).toContain(short(adopted.fingerprint));
      await expect.poll(() => integrity.locator('[data-key-fingerprint]').textContent()).toBe(key);
      const text = await integrity.textContent();
      expect(text).toContain('npm run verify-package -- FILE.zip --public-key conference.pub.pem');
      expect(text).toContain('npm run verify-ledger -- --public-key conference.pub.pem');
    },
  );

  it(
    'gives a head the receipt of each ballot, which verify-ledger finds in the chain as cast',
    { timeout: 90_000 },
    async () => {
      const doc = await freshDocument(suite.server, 'negotiation');
      const vote = await chairApi.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'clause', id: doc.clauses[2] },
        rule: 'simple_majority',
      });
      expect(vote.status).toBe(201);
      const head = await open('kaz-head', `/documents/${doc.id}/delegation`);
      const card = head.locator(`.vote-card[data-vote-id="${vote.body.id}"]`);

      const cast = async (choice: string, button: string): Promise<number> => {
        await card.getByRole('radio', { name: choice, exact: true }).check();
        await card.getByRole('button', { name: button }).click();
        await card.getByRole('button', { name: 'Confirm' }).click();
        await expect.poll(() => card.locator('.own-ballot').textContent()).toBe(`Cast: ${choice}`);
        const seq = (await suite.server.ctx.store.ballots.get(vote.body.id, 'KAZ'))!.ledger_seq!;
        // The receipt of the ballot just cast comes by itself.
        await expect.poll(() => card.locator('.receipt').getAttribute('data-entry')).toBe(String(seq));
        return seq;
      };
      const first = await cast('Yes', 'Cast ballot');
      const receipt = card.locator('.receipt');
      expect(await receipt.locator('dd').first().textContent()).toBe(`Yes, ledger entry ${first}`);
      const entry = (await suite.server.ctx.store.audit.get(first))!;
      expect(await receipt.locator('[data-fingerprint]').getAttribute('data-fingerprint')).toBe(entry.hash);
      expect(await receipt.textContent()).toContain(
        `npm run verify-ledger -- --receipt ballot-receipt-${vote.body.id}-KAZ.json`,
      );

      const [download] = await Promise.all([
        head.waitForEvent('download'),
        receipt.getByRole('button', { name: 'Download the receipt (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`ballot-receipt-${vote.body.id}-KAZ.json`);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
        format: 'accord.ballot-receipt',
        delegation: 'KAZ',
        choice: 'yes',
        entry: { seq: first, hash: entry.hash },
      });
      await expect
        .poll(() => head.getByRole('status').first().textContent())
        .toBe(`Receipt saved as ${download.suggestedFilename()}.`);

      // Run the verifier as a delegation would, against the conference's data and its published key.
      const res = spawnSync(
        ...script(
          'verify-ledger',
          '--receipt',
          file,
          '--public-key',
          path.join(suite.server.dataDir, 'signing-key.pub.pem'),
        ),
        {
          env: { ...process.env, DATA_DIR: suite.server.dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
        },
      );
      expect(res.status, res.stdout + res.stderr).toBe(0);
      expect(res.stdout).toContain(
        `receipt valid: the ballot of KAZ (yes) in vote ${vote.body.id} is in the chain as cast (entry ${first}`,
      );

      // A changed ballot gets its own receipt.
      const second = await cast('No', 'Change ballot');
      expect(second).toBeGreaterThan(first);
      expect(await receipt.locator('dd').first().textContent()).toBe(`No, ledger entry ${second}`);
    },
  );
});
