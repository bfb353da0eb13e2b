import { expect, it } from 'vitest';

import { describeBrowser, expectConsoleErrors, useBrowserSuite, usePages } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

describeBrowser('a recorded vote on the whole text, in the browser', () => {
  const suite = useBrowserSuite();
  const { open } = usePages(suite);

  it(
    'the chair opens it, five heads vote from their own browsers, the projector follows, all see the result, the text is adopted',
    { timeout: 120_000 },
    async () => {
      const chairApi = await suite.server.login('chair');
      expect((await chairApi.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
      // An amendment still undecided when the whole text is put to the vote: the chair acknowledges it first.
      const op2 = (await chairApi.get(`/api/documents/${DOC}`)).body.clauses.find(
        (c: { ref: string }) => c.ref === 'OP2',
      );
      const fra = await suite.server.login('fra-delegate');
      const amendment = await fra.post(`/api/documents/${DOC}/amendments`, {
        clauseId: op2.id,
        kind: 'delete',
        rationale: 'Covered by OP1.',
      });
      expect(amendment.status).toBe(201);
      // Otherwise a finished text: every clause agreed.
      for (const clause of (await chairApi.get(`/api/documents/${DOC}`)).body.clauses as { id: string }[]) {
        expect(
          (await chairApi.post(`/api/documents/${DOC}/clauses/${clause.id}/status`, { status: 'agreed_ad_ref' }))
            .status,
        ).toBe(200);
      }

      const chair = await open('chair', `/documents/${DOC}/chair`);
      // The first press is held with the list of unfinished work (409 needs_acknowledgement), which the console shows.
      expectConsoleErrors(chair, /status of 409 .*\/votes\)/);
      await chair.getByRole('heading', { name: 'Chair’s console' }).waitFor();
      const projector = await open('observer', `/projector/${DOC}`);
      await projector.locator('.projector').waitFor();
      const voters: [string, string, string][] = [
        ['kaz', 'KAZ', 'Yes'],
        ['fra', 'FRA', 'Yes'],
        ['deu', 'DEU', 'Yes'],
        ['gbr', 'GBR', 'No'],
        ['ita', 'ITA', 'Abstain'],
      ];
      // The heads are on their delegation page before the vote opens: the vote reaches them live.
      const heads = await Promise.all(voters.map(([c]) => open(`${c}-head`, `/documents/${DOC}/delegation`)));
      for (const head of heads) await head.getByRole('heading', { name: 'Open votes' }).waitFor();

      await chair.getByLabel('Subject').selectOption('document');
      await chair.getByRole('radio', { name: /^Simple majority/ }).check();
      await chair.getByRole('button', { name: 'Open the vote' }).click();
      // The server holds the vote back and the console lists what is unfinished: the amendment, by its sponsor and
      // clause, and the demo's language versions not ready, each clause named.
      const list = chair.locator('#ack-vote');
      await list.waitFor();
      expect(await list.locator('.ack-items li').allTextContents()).toEqual([
        'Amendment by France to OP2 (Submitted)',
        'Kazakh: 29 of 33 clauses current — 2 clauses missing (OP8, OP15), 1 stale (OP7), 1 in draft (OP17)',
        'Russian: 31 of 33 clauses current — 2 stale (PP8, OP9)',
      ]);
      const kk = list.locator('.ack-items li[data-kind="translation_unfinished"]').first();
      expect(await kk.getByRole('link', { name: 'OP15' }).getAttribute('href')).toMatch(/#clause-/);
      expect((await chairApi.get(`/api/documents/${DOC}/votes`)).body.votes).toEqual([]);
      await list.getByRole('button', { name: 'Open the vote all the same' }).click();
      await expect
        .poll(() => chair.getByRole('status').first().textContent())
        .toContain('Vote opened on the whole declaration');
      expect(await chair.locator('#ack-vote').count()).toBe(0);
      const [opened] = (await suite.server.ctx.store.audit.forDocument(DOC)).filter((e) => e.action === 'vote.open');
      expect(opened!.payload.acknowledged).toEqual([
        expect.objectContaining({
          kind: 'amendment_undecided',
          amendmentId: amendment.body.id,
          delegation: 'FRA',
          ref: 'OP2',
        }),
        expect.objectContaining({ kind: 'translation_unfinished', lang: 'kk', total: 33 }),
        expect.objectContaining({ kind: 'translation_unfinished', lang: 'ru', total: 33 }),
      ]);

      const board = projector.locator('.projector-vote[data-status="open"]');
      await board.waitFor();
      expect(await projector.locator('.projector-progress').textContent()).toBe('0 of 40 delegations have voted');
      expect(await board.locator('.board-cell').count()).toBe(40);

      for (const [i, [, code, choice]] of voters.entries()) {
        const head = heads[i]!;
        await head.getByRole('radio', { name: choice, exact: true }).check();
        await head.getByRole('button', { name: 'Cast ballot' }).click();
        // The confirmation takes the focus, so the keyboard confirms it.
        await expect.poll(() => head.evaluate(() => document.activeElement?.textContent)).toBe('Confirm');
        await head.keyboard.press('Enter');
        await expect.poll(() => head.locator('.own-ballot').first().textContent()).toBe(`Cast: ${choice}`);
        // The projector marks the delegation as having voted, without its choice.
        const cell = projector.locator(`.board-cell[data-delegation="${code}"]`);
        await expect.poll(() => cell.getAttribute('data-state')).toBe('voted');
        expect(await cell.locator('.board-mark').textContent()).toBe('voted');
        await expect
          .poll(() => projector.locator('.projector-progress').textContent())
          .toBe(`${i + 1} of 40 delegations have voted`);
      }
      // A delegate of a voting delegation sees what was cast.
      const delegate = await open('gbr-delegate', `/documents/${DOC}/delegation`);
      await expect.poll(() => delegate.locator('.own-ballot').first().textContent()).toBe('Cast: No');
      expect(await delegate.getByRole('button', { name: 'Cast ballot' }).count()).toBe(0);

      // The chair sees every choice live.
      await expect
        .poll(() => chair.locator('.live-counts').textContent())
        .toBe('Yes 3 · No 1 · Abstentions 1 · Present 5 of 40');
      expect(await chair.locator('.vote-card.live .board-cell[data-delegation="GBR"] .board-mark').textContent()).toBe(
        'No',
      );
      // Nobody else does while the vote is open.
      expect(await projector.locator('.projector-vote').textContent()).not.toMatch(/\b(Yes|No|Abstain)\b/);

      await chair.getByRole('button', { name: 'Close the vote' }).click();
      const expected = 'Yes 3 · No 1 · Abstentions 1 · Present 5 of 40';
      await expect
        .poll(() => chair.getByRole('status').first().textContent())
        .toBe(`Vote on the whole declaration: Adopted. ${expected}`);
      for (const page of [projector, ...heads, delegate]) {
        const result = page.locator('.vote-result').first();
        await expect.poll(() => result.getAttribute('data-outcome')).toBe('adopted');
        expect(await result.locator('.counts').textContent()).toBe(expected);
      }
      // Once closed the projector shows the recorded vote.
      await expect
        .poll(() => projector.locator('.board-cell[data-delegation="GBR"] .board-mark').textContent())
        .toBe('No');

      // The document is adopted, everywhere.
      expect((await chairApi.get(`/api/documents/${DOC}`)).body.stage).toBe('adopted');
      await expect.poll(() => projector.locator('.projector-stage').textContent()).toContain('Adopted');
      await expect.poll(() => chair.locator('[data-stage]').first().getAttribute('data-stage')).toBe('adopted');
      // The console offers no vote that would fail on an adopted text: no form, no subject, no stage to move to.
      await expect.poll(() => chair.getByText('The declaration is adopted: no more votes are taken.').count()).toBe(1);
      expect(await chair.locator('.open-vote-form').isVisible()).toBe(false);
      expect(await chair.locator('.agenda').getByRole('button', { name: 'Open vote' }).count()).toBe(0);
      expect(await chair.locator(`.agenda [data-amendment-id="${amendment.body.id}"]`).count()).toBe(0);
      expect(await chair.getByRole('button', { name: /^Move to / }).count()).toBe(0);
      expect(await chair.locator('.stepper button').count()).toBe(0);
      // The amendment left undecided lapsed with the adoption, and says so.
      await expect
        .poll(() => chair.locator('.lapsed-list li').allTextContents())
        .toEqual(['amendment by France to OP2']);
      expect((await chairApi.get(`/api/amendments/${amendment.body.id}`)).body.status).toBe('lapsed');
      // The projector shows the fingerprint of the adopted text that the ledger recorded.
      const [adopted] = (await suite.server.ctx.store.audit.forDocument(DOC)).filter(
        (e) => e.action === 'document.adopted',
      );
      // The demo has Russian and Kazakh versions: the fingerprint covers them.
      expect(adopted!.payload).toMatchObject({ method: 'vote', format: 'accord.text/2', versions: ['kk', 'ru'] });
      await expect
        .poll(() => projector.locator('.projector-fingerprints [data-fingerprint]').getAttribute('data-fingerprint'))
        .toBe(adopted!.payload.fingerprint);
      expect(await projector.locator('.projector-method').textContent()).toBe('By a vote on the whole text.');
      expect(await projector.locator('.projector-lapsed').textContent()).toBe(
        'Lapsed at adoption: amendment by France to OP2',
      );

      // Endorsements open: one head endorses with a reservation and everyone's running list shows it.
      const kaz = heads[0]!;
      await kaz.getByRole('radio', { name: 'Endorse with a reservation' }).check();
      await kaz.getByLabel('Statement of reservation').fill('On paragraph 3, as stated in our explanation.');
      await kaz.getByRole('button', { name: 'Record our position' }).click();
      await expect
        .poll(() => kaz.getByRole('status').first().textContent())
        .toBe('Position recorded: Endorse with a reservation.');
      await expect
        .poll(() => heads[1]!.locator('.endorsement-list [data-delegation="KAZ"]').getAttribute('data-kind'))
        .toBe('endorse_with_reservation');
    },
  );
});
