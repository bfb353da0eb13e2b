import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { audit, describeBrowser, expectConsoleErrors, useBrowserSuite, usePages } from '../helpers/browser.js';
import { reviewedDraft } from '../helpers/wordDrafts.js';

describeBrowser('starting a draft, in the browser', () => {
  const suite = useBrowserSuite();
  const pages = usePages(suite);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-drafts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function wordFile(name: string, bytes: Promise<Buffer>): Promise<string> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await bytes);
    return file;
  }

  it(
    'the secretariat imports a Word draft, sees what was not carried, corrects a kind and creates it',
    { timeout: 90_000 },
    async () => {
      const page = await pages.open('secretariat', '/documents');
      await page.getByRole('link', { name: 'Import a Word draft' }).click();
      await page.getByRole('heading', { name: 'Import a Word draft' }).waitFor();
      await page.getByLabel('Word file (.docx)').setInputFiles(await wordFile('reviewed.docx', reviewedDraft()));
      await page.getByRole('heading', { name: 'Structure read from the file' }).waitFor();
      expect(await page.locator('.import-status').textContent()).toBe('Read 4 clauses; 4 note(s) below.');
      expect(await page.getByLabel('Title').inputValue()).toBe('Draft Almaty Follow-up');
      const notes = await page.locator('.import-warnings li').allTextContents();
      expect(notes.some((n) => n.includes('a Word comment by France'))).toBe(true);
      // The comment's note leads to its clause.
      await page.locator('.import-warnings li', { hasText: 'France' }).getByRole('link').click();
      expect(new URL(page.url()).hash).toBe('#import-clause-3');
      expect(await page.locator('.import-number').allTextContents()).toEqual(['PP1', '1', '2']);
      // The second operative paragraph was a preambular one in the secretariat's mind.
      await page.getByLabel('Kind of clause 3').selectOption('preamble');
      expect(await page.locator('.import-number').allTextContents()).toEqual(['PP1', '1', 'PP2']);
      expect(await audit(page)).toEqual([]);
      await page.getByLabel('Document symbol').fill('WIC/2027/L.9');
      await page.getByRole('button', { name: 'Create the draft' }).click();
      await page.waitForURL('**/documents/wic-2027-l-9');
      const client = await suite.server.login('secretariat');
      const created = (await client.get('/api/documents/wic-2027-l-9')).body;
      expect(created.clauses.map((c: { kind: string; number: string | null }) => [c.kind, c.number])).toEqual([
        ['title', null],
        ['preamble', 'PP1'],
        ['operative', '1'],
        ['preamble', 'PP2'],
      ]);
      expect(created.clauses[2].text).toBe('Urges States to fully fund inclusive schools;');
    },
  );

  it('says why a file cannot be read, and creates nothing', { timeout: 60_000 }, async () => {
    const page = await pages.open('secretariat', '/drafts/import');
    expectConsoleErrors(page, /status of 400 .*\/documents\/import/); // the refusal the page explains
    const notWord = path.join(dir, 'notes.docx');
    fs.writeFileSync(notWord, 'plain text, not a Word file');
    await page.getByLabel('Word file (.docx)').setInputFiles(notWord);
    await page.getByRole('alert').filter({ hasText: 'is not a Word document' }).waitFor();
    expect(await page.locator('.import-status').textContent()).toBe('');
    expect(await page.locator('.import-structure').count()).toBe(0);
  });

  it('opens a new draft from the declaration template', { timeout: 60_000 }, async () => {
    const page = await pages.open('secretariat', '/documents');
    await page.locator('#draft-title').fill('Template draft');
    await page.locator('#draft-symbol').fill('WIC/2027/L.10');
    await page.getByLabel('Start from').selectOption('declarationWithAnnex');
    await page.getByRole('button', { name: 'Open the draft' }).click();
    await page.waitForURL('**/documents/wic-2027-l-10');
    const client = await suite.server.login('secretariat');
    const created = (await client.get('/api/documents/wic-2027-l-10')).body;
    expect(created.clauses.map((c: { kind: string }) => c.kind)).toEqual(['title', 'preamble', 'operative', 'annex']);
  });
});
