import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { flattenBlocks, runsText } from './content.js';
import { renderDocx } from './docx.js';
import { demoSource, generatedSource, HOSTILE, seedSource } from './fixtures.js';
import { buildExportModel, type ExportSource } from './model.js';
import { decodeXml, xmllint } from './testTools.js';

interface WordParagraph {
  text: string;
  style: string | null;
  numId: string | null;
  level: number | null;
  xml: string;
}

/** The paragraphs of `word/document.xml`, with their text, style and list membership. */
function paragraphs(documentXml: string): WordParagraph[] {
  return [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    xml,
    text: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join(''),
    style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null,
    numId: /<w:numId w:val="(\d+)"/.exec(xml)?.[1] ?? null,
    level: /<w:ilvl w:val="(\d+)"/.test(xml) ? Number(/<w:ilvl w:val="(\d+)"/.exec(xml)![1]) : null,
  }));
}

async function open(docx: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(docx);
}

const cases: [string, ExportSource][] = [
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
];
const seed = seedSource();
if (seed) cases.push(['the demo seed declaration', seed]);

describe.each(cases)('DOCX of %s', (_name, source) => {
  const model = buildExportModel(source);
  const rendered = renderDocx(model).then(open);

  it('is a well-formed Word package', async () => {
    const zip = await rendered;
    for (const part of [
      '[Content_Types].xml',
      'word/document.xml',
      'word/styles.xml',
      'word/numbering.xml',
      'docProps/core.xml',
    ]) {
      expect(zip.file(part), part).not.toBeNull();
    }
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      const lint = await xmllint(await zip.file(name)!.async('uint8array'), ['--noout']);
      expect(lint, name).toEqual({ code: 0, output: '' });
    }
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain(`<dc:title>${model.title}</dc:title>`);
  });

  it('holds every paragraph of every clause as text, operative paragraphs and subparagraphs as Word lists', async () => {
    const zip = await rendered;
    const body = paragraphs(await zip.file('word/document.xml')!.async('string'));
    expect(body.some((p) => p.xml.includes('<w:numPr>'))).toBe(true);

    let cursor = 0;
    const operativeLists = new Set<string>();
    const subparagraphLists = new Set<string>();
    for (const clause of [...model.preamble, ...model.operative, ...model.textAnnexes]) {
      flattenBlocks(clause.blocks).forEach((flat, index) => {
        // Paragraphs appear in document order, each exactly as written.
        const found = body.findIndex((p, i) => i >= cursor && p.text === runsText(flat.runs));
        expect(found, `${clause.ref}: ${runsText(flat.runs)}`).toBeGreaterThanOrEqual(0);
        const paragraph = body[found]!;
        cursor = found + 1;
        if (flat.label !== null) {
          expect(paragraph.level).toBe(flat.depth);
          if (flat.depth === 0 && flat.label === 'a') {
            expect(subparagraphLists.has(paragraph.numId!)).toBe(false); // each list restarts at (a)
            subparagraphLists.add(paragraph.numId!);
          }
        } else if (clause.kind === 'operative' && index === 0) {
          expect(paragraph.numId).not.toBeNull();
          operativeLists.add(paragraph.numId!);
        } else {
          expect(paragraph.numId).toBeNull();
        }
      });
    }
    // One list for all operative paragraphs: Word numbers them 1, 2, 3… as the model does.
    expect(operativeLists.size).toBe(1);

    const numbering = await zip.file('word/numbering.xml')!.async('string');
    expect(numbering).toMatch(/<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1\."\/>/);
    expect(numbering).toMatch(/<w:numFmt w:val="lowerLetter"\/><w:lvlText w:val="\(%1\)"\/>/);
    expect(numbering).toMatch(/<w:numFmt w:val="lowerRoman"\/><w:lvlText w:val="\(%2\)"\/>/);
  });

  it('styles paragraphs with named styles and italicises opening phrases', async () => {
    const zip = await rendered;
    const xml = await zip.file('word/document.xml')!.async('string');
    const body = paragraphs(xml);
    for (const clause of model.preamble.filter((c) => c.kind === 'preamble')) {
      const paragraph = body.find((p) => p.text === runsText(flattenBlocks(clause.blocks)[0]!.runs))!;
      expect(paragraph.style).toBe('Preamble');
      expect(paragraph.xml).toContain(`<w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">${clause.openingPhrase}</w:t>`);
    }
    const styles = await zip.file('word/styles.xml')!.async('string');
    for (const id of ['Preamble', 'Operative', 'Subparagraph', 'Symbol']) expect(styles).toContain(`w:styleId="${id}"`);
  });
});

describe('DOCX text', () => {
  it('escapes markup, keeps Kazakh, Uzbek, emoji, and marks Arabic and Hebrew right-to-left', async () => {
    const zip = await open(await renderDocx(buildExportModel(demoSource())));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; partners;');
    for (const text of [HOSTILE.kazakh, HOSTILE.uzbek, HOSTILE.emoji]) expect(xml).toContain(text);
    for (const text of [HOSTILE.arabic, HOSTILE.hebrew])
      expect(xml).toContain(`<w:rtl/></w:rPr><w:t xml:space="preserve">${text}</w:t>`);
  });

  it('watermarks a draft in every header, and only a draft', async () => {
    const headers = async (source: ExportSource): Promise<string> => {
      const zip = await open(await renderDocx(buildExportModel(source)));
      const names = Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
      return (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join('\n');
    };
    const draft = await headers(demoSource({ document: { ...demoSource().document, stage: 'adoption' } }));
    expect(draft.match(/string="DRAFT"/g)).toHaveLength(2);
    expect(await headers(demoSource())).not.toContain('DRAFT');
  });
});
