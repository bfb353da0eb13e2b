import { describe, expect, it } from 'vitest';
import { hasRtl } from './bidi.js';
import { clauseContent, demoSource, generatedSource, HOSTILE, seedSource } from './fixtures.js';
import { buildExportModel, type ExportModel, type ExportSource } from './model.js';
import { renderPdf } from './pdf.js';
import { normalise, pdfFonts, pdfInfo, pdfInk, pdfToText, undrawable } from './testTools.js';

const RTL_WORD = /[\p{Script=Arabic}\p{Script=Hebrew}]+/gu;

/**
 * Poppler gives right-to-left words back in logical order, with two quirks: it writes the lam-alef ligature
 * as alef-lam, and it moves punctuation touching a right-to-left word. So right-to-left words are compared
 * one by one (ligature folded), and the rest of the text without them and without that punctuation.
 */
function expectExtracted(extracted: string, text: string): void {
  let expected = text;
  for (const c of undrawable(text)) {
    expect(extracted).toContain(c); // emoji: through /ActualText, not drawable with the embedded fonts
    expected = expected.replaceAll(c, ' ');
  }
  const actual = normalise(extracted);
  if (!hasRtl(expected)) {
    expect(actual).toContain(normalise(expected));
    return;
  }
  const fold = (s: string): string => normalise(s).replace(/\u0644\u0627/g, '\u0627\u0644');
  for (const word of expected.match(RTL_WORD)!) expect(fold(actual)).toContain(fold(word));
  const ltr = (s: string): string => normalise(s.replace(RTL_WORD, ' ').replace(/[«»"'()[\]]/g, ' '));
  expect(ltr(actual)).toContain(ltr(expected));
}

const cases: [string, ExportSource][] = [
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
];
const seed = seedSource();
if (seed) cases.push(['the demo seed declaration', seed]);

describe.each(cases)('PDF of %s', (_name, source) => {
  const model = buildExportModel(source);
  const rendered = renderPdf(model);

  it('carries every clause as searchable text, in the embedded fonts', async () => {
    const body = await pdfToText(await rendered, { body: true });
    for (const clause of model.clauses) expectExtracted(body, clause.text);
    const fonts = await pdfFonts(await rendered);
    const rows = fonts.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+DejaVu(Serif|Sans)/);
      expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('is A4 with a running header and page numbers n/N', async () => {
    const info = await pdfInfo(await rendered);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = await pdfToText(await rendered);
    const perPage = text.split('\f').slice(0, pages);
    perPage.forEach((page, i) => {
      expect(page).toContain(`${i + 1}/${pages}`);
      expect(page).toContain(model.document.symbol);
    });
    expect(info).toContain(`Title:           ${model.title}`);
  });

  it('prints the annexes: recorded vote, endorsements with reservations, checksum', async () => {
    const text = normalise(await pdfToText(await rendered, { body: true }));
    const { recordedVote, endorsements, integrity } = model.annexes;
    for (const annex of [recordedVote!, endorsements!, integrity])
      expect(text).toContain(`${annex.label} ${annex.title}`);
    for (const ballot of recordedVote!.vote.ballots) expect(text).toContain(ballot.name);
    expect(text).toContain('Adopted: 36 in favour, 1 against, 3 abstentions; 40 present.');
    const usa = endorsements!.endorsing.find((e) => e.delegation === 'USA')!;
    expectExtracted(text, usa.statement!);
    expect(text).toContain(model.textSha256);
  });
});

describe('PDF of a draft', () => {
  const adopted = buildExportModel(demoSource());
  const draft = buildExportModel(
    demoSource({ revision: null, document: { ...demoSource().document, stage: 'negotiation' } }),
  );

  it('says so in text and carries a watermark on every page', async () => {
    const [adoptedPdf, draftPdf] = await Promise.all([renderPdf(adopted), renderPdf(draft)]);
    const text = await pdfToText(draftPdf);
    expect(text).toContain('Draft — not adopted');
    expect(text).toContain('Draft of 17 October 2025.');
    expect(await pdfToText(adoptedPdf)).not.toMatch(/draft/i);
    const pages = Number(/Pages:\s+(\d+)/.exec(await pdfInfo(draftPdf))![1]);
    // The middle of the last page (the short checksum annex) is blank but for the watermark.
    const middle = { x: 200, y: 420, width: 200, height: 100 };
    expect(await pdfInk(adoptedPdf, pages, middle)).toBe(0);
    expect(await pdfInk(draftPdf, pages, middle)).toBeGreaterThan(500);
  });

  it('keeps the watermark out of the text layer', async () => {
    const body = await pdfToText(await renderPdf(draft), { body: true });
    expect(body).not.toMatch(/^\s*[DRAFT]\s*$/m);
    for (const clause of draft.clauses) expectExtracted(body, clause.text);
  });
});

describe('PDF text', () => {
  it('prints the Kazakh and Uzbek letters and hostile text as text', async () => {
    const model: ExportModel = buildExportModel(demoSource());
    const body = normalise(await pdfToText(await renderPdf(model), { body: true }));
    expect(body).toContain(HOSTILE.kazakh);
    expect(body).toContain(HOSTILE.uzbek);
    expect(body).toContain(HOSTILE.html);
    expect(body).toContain('"Education for All" means \'all\'');
  });
});

describe('PDF layout', () => {
  it('cuts a word longer than the line without losing a character, and keeps empty paragraphs', async () => {
    const address = `https://example.org/${'inclusive-education/'.repeat(20)}report.pdf`;
    const source = demoSource({
      clauses: [
        {
          id: 'long',
          kind: 'operative',
          status: 'open',
          content: clauseContent(`*Refers* to ${address} for details;`),
        },
        { id: 'empty', kind: 'preamble', status: 'open', content: { type: 'doc', content: [{ type: 'paragraph' }] } },
      ],
    });
    const body = await pdfToText(await renderPdf(buildExportModel(source)), { body: true });
    expect(body.replace(/\s/g, '')).toContain(`Refersto${address}fordetails;`);
    expect(body.split('\n').filter((line) => line.includes('inclusive-education')).length).toBeGreaterThan(1);
  });
});
