import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { demoSource } from './fixtures.js';
import { renderFile } from './files.js';
import { buildExportModel, type ExportSource } from './model.js';
import { pdfInfo, pdfToText, validateAkn } from './testTools.js';

const KEY = 'ed25519:8c44-2296-f109-e35f-7abb-42db-ebad-a996';
const source: ExportSource = {
  ...demoSource(),
  signing: { keyFingerprint: KEY, head: { seq: 412, hash: 'c'.repeat(64) } },
  votes: demoSource().votes.map((v) => ({ ...v, ledger: { seq: 409, hash: 'd'.repeat(64) } })),
};
const model = buildExportModel(source);

/** Text as a reader of each format sees it, whitespace folded (the PDF wraps long lines). */
async function readable(format: 'pdf' | 'docx' | 'akn' | 'html' | 'md' | 'json'): Promise<string> {
  const { body } = await renderFile(format, model);
  if (format === 'pdf') return (await pdfToText(body)).replace(/\s+/g, ' ');
  if (format === 'docx')
    return (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  return body.toString('utf8').replace(/\\/g, '');
}

describe('every export carries what lets a reader check it', () => {
  it.each(['pdf', 'docx', 'akn', 'html', 'md', 'json'] as const)(
    '%s: the text fingerprint, the ledger head, and in the record of the vote the key fingerprint and closing entry',
    async (format) => {
      const text = await readable(format);
      expect(text).toContain(model.fingerprint);
      expect(text).toContain('c'.repeat(64));
      expect(text).toContain(KEY);
      expect(text).toContain('d'.repeat(64));
    },
  );

  it('prints the key fingerprint in the PDF\u2019s record of the vote, within that annex', async () => {
    const text = (await pdfToText((await renderFile('pdf', model)).body, { body: true })).replace(/\s+/g, ' ');
    const [start, end] = [
      text.indexOf('Recorded vote Vote on the adoption'),
      text.indexOf('Endorsements The text was endorsed'),
    ];
    expect(0 < start && start < end).toBe(true);
    const annex = text.slice(start, end);
    expect(annex).toContain(`Fingerprint of the conference key that signs the ledger: ${KEY}`);
    expect(annex).toContain(`Ledger entry 409, which froze the result: ${'d'.repeat(64)}`);
    expect(await pdfInfo((await renderFile('pdf', model)).body)).toContain(`fingerprint:${model.fingerprint}`);
  });

  it('names each string in Akoma Ntoso, which still validates', async () => {
    const { body } = await renderFile('akn', model);
    const xml = body.toString('utf8');
    for (const name of ['sha256', 'fingerprint', 'ledgerHead', 'ledgerEntry', 'keyFingerprint'])
      expect(xml).toContain(`<inline name="${name}">`);
    expect((await validateAkn(body)).code).toBe(0);
  });
});
