import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clauseContent, demoSource, generatedSource } from './fixtures.js';
import { buildExportModel, type ExportModel } from './model.js';
import { renderPdf } from './pdf.js';
import { hasRtl } from './bidi.js';
import { normalise, pdfInfo, pdfStructure, pdfToText, undrawable, xmllint, type PdfElement } from './testTools.js';

/** The tree as indented lines, "role first words", so a test can state the expected tree at a glance. */
function outline(elements: PdfElement[], words = 4, depth = 0): string[] {
  return elements.flatMap((element) => {
    const text = normalise(element.text.join(' ')).split(' ').slice(0, words).join(' ');
    const line = `${'  '.repeat(depth)}${element.role}${text ? ` ${text}` : ''}`;
    return [line, ...outline(element.children, words, depth + 1)];
  });
}

/** Every element of a tree, depth first. */
function elements(tree: PdfElement[]): PdfElement[] {
  return tree.flatMap((element) => [element, ...elements(element.children)]);
}

/** The words of the text in the structure tree, in the tree's order. */
function structureWords(tree: PdfElement[]): string[] {
  return normalise(
    elements(tree)
      .flatMap((element) => element.text)
      .join(' '),
  ).split(' ');
}

/** The content streams of a PDFKit file's pages, inflated, in page order. */
function pageContents(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/Type \/Page\n[^]*?\/Contents (\d+) 0 R/g)].map(([, id]) => {
    const object = raw.indexOf(`\n${id} 0 obj\n`);
    const start = raw.indexOf('stream\n', object) + 'stream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(raw.slice(object, start))![1]);
    return inflateSync(pdf.subarray(start, start + length)).toString('latin1');
  });
}

/**
 * Text objects and strokes drawn outside any marked content (neither in the structure tree nor an artifact),
 * and the number of artifacts, on one page's content stream.
 */
function unmarked(content: string): { text: number; strokes: number; artifacts: number } {
  let depth = 0;
  const found = { text: 0, strokes: 0, artifacts: 0 };
  for (const line of content.split('\n')) {
    if (/\bB[DM]C$/.test(line)) depth++;
    else if (line === 'EMC') depth--;
    else if (line === 'BT' && depth === 0) found.text++;
    else if (line === 'S' && depth === 0) found.strokes++;
    if (line.startsWith('/Artifact')) found.artifacts++;
  }
  return found;
}

describe('tagged PDF of the demo declaration', () => {
  const model = buildExportModel(demoSource());
  const rendered = renderPdf(model);

  it('is tagged PDF 1.7 in the text language, its title shown as the window title, identified as PDF/UA', async () => {
    const pdf = await rendered;
    const info = await pdfInfo(pdf);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    const raw = pdf.toString('latin1');
    const catalog = /\/Type \/Catalog[^]*?>>/.exec(raw)![0];
    expect(catalog).toContain('/Lang (en)');
    expect(catalog).toContain('/MarkInfo');
    expect(raw).toMatch(/\/ViewerPreferences [^]*?\/DisplayDocTitle true|\/DisplayDocTitle true/);
    expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(raw).toContain(`<rdf:li xml:lang="x-default">${model.title}</rdf:li>`);
  });

  it('reads in order: masthead, title, preamble, operative paragraphs as a numbered list, conclusion', async () => {
    const [document, ...rest] = await pdfStructure(await rendered);
    expect(rest).toEqual([]);
    expect(document!.role).toBe('Document');
    const lines = outline(document!.children);
    expect(lines.slice(0, lines.indexOf('Sect'))).toEqual([
      'P World Inclusion Congress (WIC',
      'P WIC/2025/DEC.1',
      'P 17 October 2025',
      'P Original: English',
      'H1 Almaty Declaration on Inclusive',
      'P Having convened in Almaty,',
      'P Recalling the motto of',
      'P Noting the contribution of',
      'P Welcoming the greetings «مكيلع',
      'L',
      '  LI',
      '    Lbl 1.',
      '    LBody',
      '      P Affirms that inclusive education',
      '  LI',
      '    Lbl 2.',
      '    LBody',
      '      P Adopts the following recommendations:',
      '      L',
      '        LI',
      '          Lbl (a)',
      '          LBody',
      '            P For national Governments:',
      '            L',
      '              LI',
      '                Lbl (i)',
      '                LBody',
      '                  P Establishing early identification of',
      '              LI',
      '                Lbl (ii)',
      '                LBody',
      '                  P Integrating education, health and',
      '        LI',
      '          Lbl (b)',
      '          LBody',
      '            P For education organizations <img',
      '        LI',
      '          Lbl (c)',
      '          LBody',
      '            P For international institutions, providing',
      'H2 Implementation & follow-up <i>',
      'L',
      '  LI',
      '    Lbl 3.',
      '    LBody',
      '      P Requests the organizers of',
      'P Adopted on 17 October',
    ]);
  });

  it('carries each clause whole, its words separated by spaces', async () => {
    const tree = await pdfStructure(await rendered);
    const text = normalise(
      elements(tree)
        .flatMap((element) => element.text)
        .join(' '),
    );
    for (const clause of model.operative) expect(text).toContain(normalise(clause.text));
    expect(text).toContain('Affirms that inclusive education is a right & not a privilege');
  });

  it('puts each annex in a section under its heading, the roll call a table with one header row', async () => {
    const sections = (await pdfStructure(await rendered))[0]!.children.filter((e) => e.role === 'Sect');
    const headings = sections.map((section) => outline([section.children[0]!], 10)[0]);
    expect(headings).toEqual([
      'H2 Annex I',
      'H2 Annex II Recorded vote',
      'H2 Annex III Endorsements',
      'H2 Annex IV Text integrity',
    ]);
    const table = elements(sections[1]!.children).find((e) => e.role === 'Table')!;
    const ballots = model.annexes.recordedVote!.vote.ballots;
    // The roll call continues on a second page, where its header is repeated as page furniture only.
    expect((await pdfToText(await rendered)).match(/^Delegation$/gm)).toHaveLength(2);
    expect(table.children).toHaveLength(ballots.length + 1);
    expect(outline(table.children.slice(0, 2))).toEqual([
      'TR',
      '  TH Delegation',
      '  TH Vote',
      'TR',
      `  TD ${ballots[0]!.name}`,
      '  TD Yes',
    ]);
    expect(table.children[0]!.children.map((th) => th.attributes)).toEqual([['/Scope /Column'], ['/Scope /Column']]);
    expect(table.children.slice(1).every((tr) => tr.children.map((td) => td.role).join() === 'TD,TD')).toBe(true);
  });
});

describe('tagged PDF of a long draft', () => {
  const source = generatedSource(200);
  const model = buildExportModel({ ...source, document: { ...source.document, stage: 'negotiation' } });
  const rendered = renderPdf(model);

  it('holds every word the pages show but the running header, the page numbers and the watermark', async () => {
    const pdf = await rendered;
    const pages = Number(/Pages:\s+(\d+)/.exec(await pdfInfo(pdf))![1]);
    expect(pages).toBeGreaterThan(10);
    const tagged = structureWords(await pdfStructure(pdf));
    const shown = normalise(await pdfToText(pdf)).split(' ');
    // The roll call's header row, repeated on each page the table continues on, is furniture there.
    const repeatedHeaders = shown.filter((word) => word === 'Delegation').length - 1;
    expect(repeatedHeaders).toBeGreaterThan(0);
    const furniture = [
      ...Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`),
      ...Array.from({ length: pages - 1 }, () => ['Draft', model.document.symbol]).flat(),
      ...Array.from({ length: repeatedHeaders }, () => ['Delegation', 'Vote']).flat(),
    ];
    // Right-to-left words are compared elsewhere (pdf.test.ts): the tree has them as drawn, in visual order,
    // where Poppler's text gives them in logical order and moves the punctuation touching them.
    const compared = (word: string): boolean =>
      !hasRtl(word) && undrawable(word).length === 0 && /[\p{L}\p{N}]/u.test(word);
    const count = (words: string[]): Map<string, number> =>
      words.filter(compared).reduce((map, word) => map.set(word, (map.get(word) ?? 0) + 1), new Map<string, number>());
    const expected = count(shown);
    for (const word of furniture) expected.set(word, expected.get(word)! - 1);
    for (const [word, n] of expected) if (n === 0) expected.delete(word);
    expect(count(tagged)).toEqual(expected);
  }, 120_000);

  it('draws nothing outside the structure tree but artifacts', async () => {
    const pages = pageContents(await rendered);
    expect(pages.length).toBeGreaterThan(10);
    for (const [index, content] of pages.entries()) {
      const found = unmarked(content);
      expect({ text: found.text, strokes: found.strokes }).toEqual({ text: 0, strokes: 0 });
      // The page number, the watermark, and the masthead's rule on page 1 or the running header after it.
      expect(found.artifacts, `page ${index + 1}`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('tagged PDF of a text in another language', () => {
  const source = demoSource();
  const modelIn = (language: string): ExportModel =>
    buildExportModel({
      ...source,
      document: { ...source.document, metadata: { ...source.document.metadata, language } },
    });
  const englishElements = (raw: string): number => raw.match(/\/S \/(P|H2|H3)\n\/Lang \(en\)/g)?.length ?? 0;

  it('gives the text its language and Accord’s English wording its own', async () => {
    // German has no words of its own in exports (`exportWords.ts`): Accord's words stay English, and say so.
    const raw = (await renderPdf(modelIn('de'))).toString('latin1');
    expect(/\/Type \/Catalog[^]*?>>/.exec(raw)![0]).toContain('/Lang (de)');
    // The date, "Original: …", the closing line and the generated annexes' headings.
    expect(englishElements(raw)).toBeGreaterThanOrEqual(6);
  });

  it('writes the words around a Russian text in Russian, and only the annexes’ details in English', async () => {
    const raw = (await renderPdf(modelIn('ru'))).toString('latin1');
    expect(/\/Type \/Catalog[^]*?>>/.exec(raw)![0]).toContain('/Lang (ru)');
    const english = englishElements(raw);
    expect(english).toBeGreaterThanOrEqual(1);
    expect(english).toBeLessThan(englishElements((await renderPdf(modelIn('de'))).toString('latin1')));
  });
});

describe('PDF metadata', () => {
  it('stays well-formed XML whatever the title, symbol and proponent say', async () => {
    const source = demoSource();
    const hostile = 'Rights & <Duties> "of" States';
    const model = buildExportModel({
      ...source,
      clauses: source.clauses.map((c) => (c.kind === 'title' ? { ...c, content: clauseContent(hostile) } : c)),
      document: {
        ...source.document,
        symbol: 'A/<B>&C',
        metadata: { ...source.document.metadata, proponent: 'Smith & Sons <Ltd>' },
      },
    });
    const pdf = await renderPdf(model);
    const raw = pdf.toString('utf8');
    const xmp = raw.slice(raw.indexOf('<x:xmpmeta'), raw.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length);
    expect(await xmllint(Buffer.from(xmp), ['--noout'])).toEqual({ code: 0, output: '' });
    expect(xmp).toContain('Rights &amp; &lt;Duties&gt; "of" States');
    // The document information dictionary keeps the words as they are.
    expect(await pdfInfo(pdf)).toContain(`Title:           ${hostile}`);
  });
});
