import { describe, expect, it } from 'vitest';
import { demoSource, generatedSource, HOSTILE, seedSource } from './fixtures.js';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { buildExportModel, type ExportSource } from './model.js';
import { normalise } from './testTools.js';

/** What a CommonMark reader sees of escaped text: backslash escapes of ASCII punctuation removed. */
const unescape = (markdown: string): string => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
const plain = (markdown: string): string =>
  normalise(unescape(markdown.replace(/(^|[^\\])\*{1,2}/g, '$1').replace(/^\s*- /gm, '')));

const cases: [string, ExportSource][] = [
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
];
const seed = seedSource();
if (seed) cases.push(['the demo seed declaration', seed]);

describe.each(cases)('Markdown of %s', (_name, source) => {
  const model = buildExportModel(source);
  const markdown = renderMarkdown(model).toString('utf8');

  it('holds the text of every clause', () => {
    const text = plain(markdown);
    for (const clause of model.clauses) expect(text).toContain(normalise(clause.text));
  });

  it('numbers operative paragraphs with their derived numbers and italicises opening phrases', () => {
    for (const clause of model.operative.filter((c) => c.kind === 'operative')) {
      expect(markdown).toContain(`\n${clause.number}\\. *${escapeMarkdown(clause.openingPhrase!)}* `);
    }
    expect(markdown.startsWith(`# ${escapeMarkdown(model.title)}\n`)).toBe(true);
  });
});

describe('Markdown text', () => {
  const markdown = renderMarkdown(buildExportModel(demoSource())).toString('utf8');

  it('escapes everything Markdown or HTML would interpret', () => {
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\> \\& partners;');
    expect(escapeMarkdown('# *a* _b_ [c](d) `e` <f> & | ~')).toBe(
      '\\# \\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\<f\\> \\& \\| \\~',
    );
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(unescape(escapeMarkdown('a \\ b'))).toBe('a \\ b');
  });

  it('keeps multilingual text and subparagraph labels', () => {
    for (const text of [HOSTILE.kazakh, HOSTILE.uzbek, HOSTILE.arabic, HOSTILE.hebrew, HOSTILE.emoji])
      expect(markdown).toContain(text);
    expect(markdown).toContain(
      '2\\. *Adopts* the following recommendations:\n- (a) For national Governments:\n  - (i) Establishing',
    );
  });
});
