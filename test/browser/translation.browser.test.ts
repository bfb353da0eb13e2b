import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, signedInPage, useBrowserSuite } from '../helpers/browser.js';
import { freshDocument } from '../helpers/documents.js';

/** The row of the translator's editor for the clause labelled `ref`. */
const rowOf = (page: Page, ref: string) => page.locator(`.translation-row[data-ref="${ref}"]`);
/** The text of an editor without the labels of other people's carets. */
const editorText = (page: Page, selector: string): Promise<string> =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
    return (copy.textContent ?? '').replace(/\u2060/g, '');
  });

describeBrowser('translating a version beside the original', () => {
  const suite = useBrowserSuite();
  let id: string;

  beforeAll(async () => {
    ({ id } = await freshDocument(suite.server, 'negotiation'));
    const secretariat = await suite.server.login('secretariat');
    expect((await secretariat.post(`/api/documents/${id}/languages`, { code: 'kk' })).status).toBe(201);
    const admin = await suite.server.login('admin');
    const created = await admin.post('/api/admin/users', {
      username: 'kk-translator',
      displayName: 'Айгүл Сейітова',
      role: 'observer',
      password: 'translate-kk',
      translationLanguages: ['kk'],
    });
    expect(created.status).toBe(201);
  });

  it('a translator writes a clause and marks it current; the original changes, the clause goes stale with its diff, and is made current again while the secretariat types', async () => {
    const { page: translator } = await signedInPage(
      suite.browser,
      suite.server.url,
      'kk-translator',
      'translate-kk',
      `/documents/${id}/translate/kk`,
    );
    const op1 = rowOf(translator, 'OP1');
    const version = op1.locator('.translation-version .clause-editor');
    await expect.poll(() => version.getAttribute('contenteditable')).toBe('true');
    expect(await op1.getAttribute('data-translation-status')).toBe('missing');
    // The original beside it is read-only here.
    expect(await op1.locator('.translation-original .clause-editor').getAttribute('contenteditable')).toBe('false');

    await version.focus();
    await translator.keyboard.type('Мемлекеттерді әрекет етуге шақырады.');
    await expect.poll(() => op1.getAttribute('data-translation-status')).toBe('draft');
    await op1.getByRole('button', { name: 'Mark current' }).click();
    await expect.poll(() => op1.getAttribute('data-translation-status')).toBe('current');
    await expect.poll(() => translator.locator('.translation-coverage').innerText()).toBe('kk: 1 of 4 current');

    // The secretariat edits the original on the document page: the translator sees it live, and stale.
    const { page: secretariat } = await signedInPage(
      suite.browser,
      suite.server.url,
      'secretariat',
      'demo',
      `/documents/${id}`,
    );
    const original = secretariat.locator('[data-ref="OP1"] .clause-editor');
    await expect.poll(() => original.getAttribute('contenteditable')).toBe('true');
    await original.focus();
    await secretariat.keyboard.press('Control+End');
    await secretariat.keyboard.press('ArrowLeft');
    await secretariat.keyboard.type(' without delay');
    await expect
      .poll(() => editorText(translator, '.translation-row[data-ref="OP1"] .translation-original .clause-editor'))
      .toBe('Calls upon States to act without delay.');
    await expect.poll(() => op1.getAttribute('data-translation-status')).toBe('stale');
    await expect.poll(() => op1.locator('.stale-diff ins').innerText()).toContain('without delay');

    // The secretariat goes on typing in another clause while the translator brings OP1 up to date.
    const op2 = secretariat.locator('[data-ref="OP2"] .clause-editor');
    await op2.focus();
    await secretariat.keyboard.press('Control+End');
    const typing = secretariat.keyboard.type(' Welcomes the progress made so far.', { delay: 40 });
    await version.focus();
    await translator.keyboard.press('Control+End');
    await translator.keyboard.press('ArrowLeft');
    await translator.keyboard.type(' кідіріссіз');
    await op1.getByRole('button', { name: 'Mark current' }).click();
    await typing;
    await expect.poll(() => op1.getAttribute('data-translation-status')).toBe('current');
    await expect.poll(() => op1.locator('.stale-diff').count()).toBe(0);

    // What the server holds: the version current, with the translator's words; the original with the secretariat's.
    const reader = await suite.server.login('observer');
    const kk = (await reader.get(`/api/documents/${id}?lang=kk`)).body;
    const op1kk = kk.clauses.find((c: { ref: string }) => c.ref === 'OP1');
    expect(op1kk.translation.status).toBe('current');
    expect(op1kk.text).toBe('Мемлекеттерді әрекет етуге шақырады кідіріссіз.');
    const en = (await reader.get(`/api/documents/${id}`)).body;
    expect(en.clauses.find((c: { ref: string }) => c.ref === 'OP2').text).toContain(
      'Welcomes the progress made so far.',
    );

    // A reader chooses the version beside the original; the choice survives a reload.
    await secretariat.locator('#reading-lang').selectOption('kk');
    await secretariat.locator('#reading-parallel').check();
    await expect.poll(() => new URL(secretariat.url()).search).toBe('?lang=kk&parallel=1');
    await secretariat.reload();
    const cell = secretariat.locator('[data-ref="OP1"] .clause-version');
    await expect.poll(() => cell.innerText()).toContain('кідіріссіз');
    expect(await cell.locator('[data-translation-status]').innerText()).toBe('Current');
    // The original's editor mounts once the live copy has synced after the reload.
    await expect.poll(() => secretariat.locator('[data-ref="OP1"] .clause-editor').count()).toBe(1);
    await expect.poll(() => secretariat.locator('.language-coverage').innerText()).toBe('kk: 1 of 4 current');

    // Read alone, the version keeps the clause's comments: the one on OP1 opens from its Kazakh text.
    const kaz = await suite.server.login('kaz-delegate');
    const comment = { clauseId: op1kk.id, body: 'Does the Kazakh follow the new words?' };
    expect((await kaz.post(`/api/documents/${id}/comments`, comment)).status).toBe(201);
    await secretariat.locator('#reading-parallel').uncheck();
    await expect.poll(() => new URL(secretariat.url()).search).toBe('?lang=kk');
    const alone = secretariat.locator('[data-ref="OP1"]');
    await expect.poll(() => alone.locator('.clause-content').innerText()).toContain('кідіріссіз');
    expect(await alone.locator('.translation-chip').innerText()).toBe('Current');
    await alone.locator('.counter-button.comments').click();
    await expect.poll(() => secretariat.locator('.comments-panel').innerText()).toContain(comment.body);

    await translator.context().close();
    await secretariat.context().close();
  }, 90_000);
});
