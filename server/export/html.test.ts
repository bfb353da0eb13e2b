import { describe, expect, it } from 'vitest';
import { demoSource, generatedSource, HOSTILE, seedSource } from './fixtures.js';
import { renderHtml } from './html.js';
import { buildExportModel, type ExportSource } from './model.js';
import { markupText, normalise, xmllint } from './testTools.js';

const compact = (text: string): string => normalise(text).replace(/\s/g, '');
const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

const cases: [string, ExportSource][] = [
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
];
const seed = seedSource();
if (seed) cases.push(['the demo seed declaration', seed]);

describe.each(cases)('HTML of %s', (_name, source) => {
  const model = buildExportModel(source);
  const html = renderHtml(model).toString('utf8');

  it('is a complete, inert page', async () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<(script|img|iframe|object|embed|link)\b|<[^>]*\son[a-z]+=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: A4');
    // libxml2's HTML parser predates HTML5 elements, so it may warn about them, but it must not fail.
    expect((await xmllint(Buffer.from(html), ['--html', '--noout'], 'file.html')).code).toBe(0);
  });

  it('is structured for assistive technology: one h1, headed sections, real lists', () => {
    expect(count(html, /<h1[ >]/g)).toBe(1);
    expect(html).toContain('<main>');
    const operative = model.operative.filter((c) => c.kind === 'operative');
    expect(count(html, /<li id="op\d+" value="\d+">/g)).toBe(operative.length);
    for (const clause of operative)
      expect(html).toContain(
        `<li id="${clause.ref.toLowerCase()}" value="${clause.number}"><p dir="auto"><span class="label">${clause.number}.</span>`,
      );
    const annexes =
      model.textAnnexes.length + (model.annexes.recordedVote ? 1 : 0) + (model.annexes.endorsements ? 1 : 0) + 1;
    expect(count(html, /<section class="annex"/g)).toBe(annexes);
    expect(count(html, /<table>/g)).toBe(model.annexes.recordedVote ? 1 : 0);
  });

  it('holds the text of every clause', () => {
    const text = compact(markupText(html));
    for (const clause of model.clauses) expect(text).toContain(compact(clause.text));
  });
});

describe('HTML text', () => {
  const html = renderHtml(buildExportModel(demoSource())).toString('utf8');

  it('escapes markup and keeps multilingual text intact', () => {
    expect(html).toContain('For education organizations &lt;img src=x onerror=alert(1)&gt; &amp; partners;');
    expect(html).toContain('Implementation &amp; follow-up &lt;i&gt;');
    for (const text of [HOSTILE.kazakh, HOSTILE.uzbek, HOSTILE.arabic, HOSTILE.hebrew, HOSTILE.emoji])
      expect(html).toContain(text);
    expect(html).toContain('<p dir="auto"><em>Welcoming</em> the greetings «السلام عليكم»');
  });

  it('labels subparagraphs as text inside ordered lists', () => {
    expect(html).toContain(
      '<ol class="subparagraphs"><li><span class="label">(a)</span><p dir="auto">For national Governments:</p><ol class="subparagraphs"><li><span class="label">(i)</span>',
    );
  });

  it('marks a draft, in text and with a watermark', () => {
    const draft = renderHtml(
      buildExportModel(demoSource({ document: { ...demoSource().document, stage: 'negotiation' } })),
    ).toString('utf8');
    expect(draft).toContain('<p class="status draft">Draft (Final) — not adopted</p>');
    expect(draft).toContain('<div class="watermark" aria-hidden="true">DRAFT</div>');
    expect(html).not.toContain('class="watermark"');
  });
});
