import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/domain/countries.js';

const dir = path.join(import.meta.dirname, 'locales');

/** Plural forms differ by language (English: one, other; Russian: one, few, many, other): compared as one key. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key path of a locale file ("closed.FORBIDDEN_WRITE"), with the {{placeholders}} its forms use. */
function keys(value: unknown, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  if (typeof value === 'string') {
    const key = prefix.replace(PLURAL, '');
    const holes = new Set([...(out.get(key) ?? []), ...[...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!)]);
    out.set(key, [...holes].sort());
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) keys(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

describe('locales', () => {
  const namespaces = fs.readdirSync(path.join(dir, 'en')).filter((f) => f.endsWith('.json'));

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English string, with the same placeholders, and no other',
    (language) => {
      for (const file of namespaces) {
        const english = keys(JSON.parse(fs.readFileSync(path.join(dir, 'en', file), 'utf8')));
        const other = keys(JSON.parse(fs.readFileSync(path.join(dir, language, file), 'utf8')));
        expect([...other.keys()].sort(), `${language}/${file}`).toEqual([...english.keys()].sort());
        for (const [key, holes] of english) expect(other.get(key), `${language}/${file}: ${key}`).toEqual(holes);
      }
    },
  );
});
