import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import { clauseContent, demoSource } from './fixtures.js';
import {
  FINGERPRINT_FORMAT,
  FINGERPRINT_FORMAT_VERSIONS,
  fingerprintOf,
  jsonFingerprint,
  type FingerprintVersion,
} from './fingerprint.js';
import { renderJson } from './json.js';
import { buildExportModel } from './model.js';

describe('text fingerprint', () => {
  const model = buildExportModel(demoSource());

  it('is recomputed by anyone from the JSON export: canonical JSON of kind, number, ref and content', () => {
    const json = JSON.parse(renderJson(model).toString('utf8')) as {
      fingerprint: string;
      clauses: { kind: string; number: string | null; ref: string; content: unknown }[];
    };
    const input = canonicalJson({
      format: FINGERPRINT_FORMAT,
      clauses: json.clauses.map(({ kind, number, ref, content }) => ({ kind, number, ref, content })),
    });
    expect(createHash('sha256').update(input, 'utf8').digest('hex')).toBe(json.fingerprint);
    expect(json.fingerprint).toBe(model.fingerprint);
    expect(fingerprintOf(json.clauses as never)).toBe(model.fingerprint);
  });

  it('changes with the formatting, the kind or the order, where the plain-text checksum may not', () => {
    const italic = demoSource();
    const plain = italic.clauses[1]!;
    italic.clauses[1] = { ...plain, content: clauseContent('Having met in Almaty,') };
    const before = demoSource();
    before.clauses[1] = { ...plain, content: clauseContent('*Having met* in Almaty,') };
    const a = buildExportModel(italic);
    const b = buildExportModel(before);
    expect(a.textSha256).toBe(b.textSha256);
    expect(a.fingerprint).not.toBe(b.fingerprint);

    const kind = demoSource();
    kind.clauses[2] = { ...kind.clauses[2]!, kind: kind.clauses[2]!.kind === 'preamble' ? 'operative' : 'preamble' };
    expect(buildExportModel(kind).fingerprint).not.toBe(model.fingerprint);

    const swapped = demoSource();
    [swapped.clauses[2], swapped.clauses[3]] = [swapped.clauses[3]!, swapped.clauses[2]!];
    expect(buildExportModel(swapped).fingerprint).not.toBe(model.fingerprint);
  });

  it('covers every language version, by code, in accord.text/2; a text without versions keeps accord.text/1', () => {
    const json = JSON.parse(renderJson(model).toString('utf8')) as { clauses: never[] };
    const version = (code: string, words: string): FingerprintVersion => ({
      code,
      clauses: model.clauses.map((c) => ({
        ref: c.ref,
        content: [{ type: 'paragraph', runs: [{ text: `${words} ${c.ref}`, em: false, strong: false }] }],
      })),
    });
    const kk = version('kk', 'Қазақша');
    const ru = version('ru', 'По-русски');
    const both = fingerprintOf(json.clauses, [kk, ru]);
    const input = canonicalJson({
      format: FINGERPRINT_FORMAT_VERSIONS,
      clauses: model.clauses.map((c) => ({ kind: c.kind, number: c.number, ref: c.ref, content: c.blocks })),
      versions: [kk, ru],
    });
    expect(createHash('sha256').update(input, 'utf8').digest('hex')).toBe(both);
    expect(fingerprintOf(json.clauses, [ru, kk])).toBe(both);
    expect(fingerprintOf(json.clauses, [])).toBe(model.fingerprint);
    expect(fingerprintOf(json.clauses, [kk])).not.toBe(both);
    expect(fingerprintOf(json.clauses, [kk, version('ru', 'Иначе')])).not.toBe(both);
    // Recomputed from a JSON export that carries the versions, as verify-package does.
    expect(jsonFingerprint({ ...json, versions: [kk, ru] })).toBe(both);
    expect(jsonFingerprint(json)).toBe(model.fingerprint);
    expect(() => jsonFingerprint({ ...json, versions: [{ lang: 'kk' }] })).toThrow(RangeError);
  });
});
