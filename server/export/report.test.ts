import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Report } from './reportModel.js';
import { renderReportDocx } from './reportDocx.js';
import { renderReportPdf } from './reportPdf.js';
import { normalise, pdfInfo, pdfToText } from './testTools.js';

/** A compilation-like report whose one amendment is far longer than a page. */
function longReport(): Report {
  const words = Array.from({ length: 1500 }, (_, i) => `word${i + 1}`).join(' ');
  return {
    proponent: 'World Inclusion Congress',
    symbol: 'WIC/2025/L.1',
    dateText: '16 October 2025',
    title: 'Compilation of amendments',
    subtitle: ['A long amendment'],
    landscape: true,
    sections: [
      {
        heading: 'Amendments',
        paragraphs: [],
        table: {
          header: ['Clause', 'Proposed text', 'Decision'],
          widths: [20, 60, 20],
          rows: [
            ['OP1', words, 'Pending'],
            ['OP2', 'Short & sweet <text>', 'Accepted'],
          ],
        },
      },
    ],
    language: 'en',
    generatedAt: '2025-10-16T10:00:00.000Z',
    baseName: 'test-compilation-2025-10-16',
  };
}

describe('reports', () => {
  it('continues a table row taller than a page on the next pages, losing no word, header repeated', async () => {
    const pdf = await renderReportPdf(longReport());
    const info = await pdfInfo(pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const text = normalise(await pdfToText(pdf));
    for (const n of [1, 500, 1000, 1499, 1500]) expect(text).toContain(`word${n} `.trim());
    expect(text.indexOf('word1500')).toBeLessThan(text.indexOf('Short & sweet <text>'));
    // The header is printed on every page the table reaches.
    expect(text.split('Proposed text').length - 1).toBe(pages);
  });

  it('gives the same bytes for the same report, in both formats, with the text escaped in the DOCX', async () => {
    expect((await renderReportPdf(longReport())).equals(await renderReportPdf(longReport()))).toBe(true);
    const docx = await renderReportDocx(longReport());
    expect(docx.equals(await renderReportDocx(longReport()))).toBe(true);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Short &amp; sweet &lt;text&gt;');
    expect(xml).toContain('<w:tblHeader/>');
  });
});
