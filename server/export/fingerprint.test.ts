import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import { clauseContent, demoSource } from './fixtures.js';
import { FINGERPRINT_FORMAT, fingerprintOf } from './fingerprint.js';
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
});
