import { clauseContent, demoSource } from './fixtures.js';
import type { ExportSource, SourceClause } from './modelTypes.js';

/** Language versions of the demo-like declaration, for the export tests (`docs/languages.md`, "Exports"). */

/** Versions of the demo's first clauses (title, four preambular paragraphs, two operative ones). */
export const TEXTS: Record<string, string[]> = {
  ru: [
    'Алматинская декларация об инклюзивном образовании',
    '*Собравшись* в Алматы, Республика Казахстан, 15–17 октября 2025 года на первый Всемирный конгресс по инклюзии,',
    '*Напоминая* девиз принимающей страны «Білім — болашақтың кілті»,',
    '*Отмечая* вклад Узбекистана,',
    '*Приветствуя* приветствия участников,',
    '*Подтверждает*, что инклюзивное образование — это право, а не привилегия;',
  ],
  kk: ['Инклюзивті білім беру туралы Алматы декларациясы', '*Жиналып*, Алматы қаласында, Қазақстан Республикасы,'],
  ar: [
    'إعلان ألماتي بشأن التعليم الشامل',
    '*وقد اجتمعنا* في ألماتي، جمهورية كازاخستان، من 15 إلى 17 تشرين الأول/أكتوبر 2025،',
    '*وإذ نشير* إلى شعار البلد المضيف،',
  ],
  zh: ['阿拉木图全纳教育宣言', '*我们*于二〇二五年十月在阿拉木图举行首届世界全纳大会，', '*回顾*东道国的座右铭，'],
};

/** The demo's clauses in `code`: the first ones from `TEXTS`, the others not written yet. */
export function versionOf(source: ExportSource, code: string): SourceClause[] {
  return source.clauses.map((clause, i) => {
    const text = TEXTS[code]![i];
    return text === undefined ? { ...clause, untranslated: true } : { ...clause, content: clauseContent(text) };
  });
}

export function versionSource(code: string, parallel?: string, source = demoSource()): ExportSource {
  const clausesIn = (c: string): SourceClause[] => (c === 'en' ? source.clauses : versionOf(source, c));
  return {
    ...source,
    clauses: clausesIn(code),
    language: { code, original: 'en' },
    parallel: parallel ? { code: parallel, clauses: clausesIn(parallel) } : null,
  };
}
