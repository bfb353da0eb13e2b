import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../shared/api/errors.js';
import { LANGUAGES } from '../../shared/domain/countries.js';

const dir = path.join(import.meta.dirname, 'locales');

/** The error ids a language has words for: `errors` of `common` and of every feature's namespace. */
function translated(language: string): Set<string> {
  const ids = new Set<string>();
  for (const file of fs.readdirSync(path.join(dir, language)).filter((f) => f.endsWith('.json'))) {
    const errors = (
      JSON.parse(fs.readFileSync(path.join(dir, language, file), 'utf8')) as { errors?: Record<string, string> }
    ).errors;
    for (const id of Object.keys(errors ?? {})) ids.add(id);
  }
  return ids;
}

describe('error ids', () => {
  it.each([...LANGUAGES])('%s has words for every error id the API answers with', (language) => {
    const have = translated(language);
    expect(Object.keys(ERROR_STATUS).filter((id) => !have.has(id))).toEqual([]);
  });
});
