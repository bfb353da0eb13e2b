import { describe, expect, it } from 'vitest';
import { benchExports } from './bench.js';
import { demoSource } from './fixtures.js';
import { buildExportModel, EXPORT_FORMATS, isExportFormat, renderExport, type ExportFormat } from './index.js';
import { validateAkn } from './testTools.js';
import { generateSigningKey } from '../ledger/signingKey.js';

const signingKey = generateSigningKey();

describe('renderExport', () => {
  const model = buildExportModel(demoSource());

  it.each([
    ['pdf', 'application/pdf', '.pdf', '%PDF-'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx', 'PK'],
    ['akn', 'application/akn+xml', '.akn.xml', '<?xml'],
    ['html', 'text/html; charset=utf-8', '.html', '<!DOCTYPE html>'],
    ['md', 'text/markdown; charset=utf-8', '.md', '# '],
    ['json', 'application/json; charset=utf-8', '.json', '{'],
    ['package', 'application/zip', '.zip', 'PK'],
  ] as const)('renders %s', async (format, contentType, extension, start) => {
    const file = await renderExport(format, model, { signingKey });
    expect(file.contentType).toBe(contentType);
    expect(file.fileName).toBe(`almaty-declaration-final-2025-10-17${extension}`);
    expect(file.body.subarray(0, start.length).toString('latin1')).toBe(start);
  });

  it('renders every format of an empty text, and its Akoma Ntoso still validates', async () => {
    const empty = buildExportModel(demoSource({ clauses: [], votes: [], endorsements: [], ledger: [] }));
    for (const format of EXPORT_FORMATS)
      expect((await renderExport(format, empty, { signingKey })).body.length, format).toBeGreaterThan(100);
    expect((await validateAkn((await renderExport('akn', empty)).body)).code).toBe(0);
  });

  it('knows its formats and refuses others', async () => {
    expect(EXPORT_FORMATS).toEqual(['pdf', 'docx', 'akn', 'html', 'md', 'json', 'package']);
    expect(isExportFormat('akn')).toBe(true);
    expect(isExportFormat('exe')).toBe(false);
    await expect(renderExport('exe' as ExportFormat, model)).rejects.toThrow(RangeError);
    await expect(renderExport('package', model)).rejects.toThrow('A submission package is signed');
  });
});

describe('benchExports', () => {
  // Speed is judged by `npm run bench`, not here: this only checks that the benchmark covers every format.
  it('times the model and every format of the 200-clause declaration', async () => {
    const results = await benchExports(1);
    expect(results.map((r) => r.format)).toEqual(['model', ...EXPORT_FORMATS]);
    for (const { format, ms } of results) expect(ms, format).toBeGreaterThan(0);
  });
});
