import { describe, expect, it } from 'vitest';
import { demoSource } from './fixtures.js';
import { TEXTS, versionSource } from './versionFixtures.js';
import { renderFile } from './files.js';
import { buildExportModel, type ExportSource } from './model.js';
import { normalise, pdfFonts, pdfToText, validateAkn } from './testTools.js';

/**
 * Exports of a language version (`docs/languages.md`, "Exports"): the version's text in every format with the
 * words around it in its language, a clause not yet translated printed in the original's words and said so,
 * the parallel-text PDF, Arabic right to left and Chinese in fonts made for them.
 */

const text = async (source: ExportSource): Promise<string> =>
  normalise(await pdfToText((await renderFile('pdf', buildExportModel(source))).body));

describe('exports of a language version', () => {
  it('carry the version, its words and its language in the file name; the untranslated clauses say so', async () => {
    const model = buildExportModel(versionSource('ru'));
    expect(model.baseName).toBe('almaty-declaration-ru-final-2025-10-17');
    expect(model.language).toBe('ru');
    expect(model.dateText).toBe('17 октября 2025 года');
    expect(model.annexes.integrity.label).toMatch(/^Приложение [IVX]+$/);
    expect(model.clauses.find((c) => c.kind === 'annex')!.number).toBe('Приложение I');
    expect(model.clauses.filter((c) => c.untranslated).length).toBe(model.clauses.length - TEXTS.ru!.length);

    const md = (await renderFile('md', model)).body.toString('utf8');
    expect(md).toContain('Алматинская декларация об инклюзивном образовании');
    expect(md).toContain('Язык оригинала: английский');
    expect(md).toContain('Принято 17 октября 2025 года.');
    expect(md).toContain('Перевод еще не подготовлен');
    // The untranslated clause is there, in the original's words: nothing is dropped.
    expect(md).toContain('Requests');

    const html = (await renderFile('html', model)).body.toString('utf8');
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('lang="en"');
    const docx = await renderFile('docx', model);
    expect(docx.fileName).toBe('almaty-declaration-ru-final-2025-10-17.docx');
    const json = JSON.parse((await renderFile('json', model)).body.toString('utf8')) as {
      document: { language: string; originalLanguage: string };
      clauses: { untranslated?: boolean }[];
    };
    expect(json.document).toMatchObject({ language: 'ru', originalLanguage: 'en' });
    expect(json.clauses.filter((c) => c.untranslated).length).toBe(model.clauses.length - TEXTS.ru!.length);

    const pdf = await text(versionSource('ru'));
    expect(pdf).toContain('Алматинская декларация об инклюзивном образовании');
    expect(pdf).toContain('Язык оригинала: английский');
    expect(pdf).toContain('Перевод еще не подготовлен');
  });

  it('name the original export as before when the language is the original', () => {
    const source = demoSource();
    expect(buildExportModel({ ...source, language: { code: 'en', original: 'en' } }).baseName).toBe(
      buildExportModel(source).baseName,
    );
  });

  it('write a Kazakh and an Uzbek date', () => {
    expect(buildExportModel(versionSource('kk')).dateText).toBe('2025 жылғы 17 қазан');
  });

  it('print a parallel text whose two columns extract in both languages', async () => {
    const source = versionSource('ru', 'en');
    const model = buildExportModel(source);
    expect(model.baseName).toBe('almaty-declaration-ru-en-final-2025-10-17');
    const extracted = await text(source);
    for (const clause of [...source.clauses, ...source.parallel!.clauses].slice(0, 3))
      expect(extracted).toContain(normalise(buildExportModel({ ...source, clauses: [clause] }).clauses[0]!.text));
    expect(extracted).toContain('Подтверждает');
    expect(extracted).toContain('Affirms');
    // Each clause faces its version: the rows start on one line.
    const lines = (await pdfToText((await renderFile('pdf', model)).body, { layout: true })).split('\n');
    for (const row of [
      /Алматинская декларация.*Almaty Declaration/,
      /Собравшись.*Having convened/,
      /1\. Подтверждает.*1\. Affirms/,
    ])
      expect(lines.some((line) => row.test(line))).toBe(true);
    // An untranslated clause faces the original with the note and the original's words.
    expect(lines.some((line) => /Перевод еще не подготовлен.*Adopts the following/.test(line))).toBe(true);
  });

  it('set an Arabic version right to left, in Noto Naskh Arabic, and give it back in logical order', async () => {
    const body = (await renderFile('pdf', buildExportModel(versionSource('ar')))).body;
    const extracted = normalise(await pdfToText(body)).replace(/\u0644\u0627/g, '\u0627\u0644');
    for (const word of ['إعلان', 'ألماتي', 'بشأن', 'التعليم', 'الشامل'])
      expect(extracted).toContain(word.replace(/\u0644\u0627/g, '\u0627\u0644'));
    // Logical order: the title's words come out first to last.
    expect(extracted).toMatch(/إع(ال|لا)ن ألماتي بشأن التعليم الشامل/);
    expect(await pdfFonts(body)).toMatch(/NotoNaskhArabic/);
  });

  it('print a Chinese version in Noto Sans SC, small', async () => {
    const body = (await renderFile('pdf', buildExportModel(versionSource('zh')))).body;
    const extracted = normalise(await pdfToText(body));
    expect(extracted).toContain('阿拉木图全纳教育宣言');
    expect(extracted).toContain('2025年10月17日');
    expect(await pdfFonts(body)).toMatch(/NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    // The font is embedded as the subset the text uses: the file stays small.
    expect(body.length).toBeLessThan(400_000);
  });

  it('write one valid Akoma Ntoso expression per language', async () => {
    for (const code of ['ru', 'kk', 'ar', 'zh']) {
      const xml = (await renderFile('akn', buildExportModel(versionSource(code)))).body;
      expect((await validateAkn(xml)).code).toBe(0);
      const lang = { ru: 'rus', kk: 'kaz', ar: 'ara', zh: 'zho' }[code]!;
      const body = xml.toString('utf8');
      expect(body).toContain(`<FRBRlanguage language="${lang}"/>`);
      expect(body).toMatch(new RegExp(`<FRBRthis value="[^"]*/${lang}@2025-10-17/!main"/>`));
      expect(body).toContain(
        '<FRBRtranslation href="/akn/un/statement/deliberation/wic/2025-10-17/2025-dec-1/eng@2025-10-17" fromLanguage="en" by="#accord"/>',
      );
    }
  });
});
