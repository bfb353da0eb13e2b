import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clauseContent, demoSource, generatedSource, HOSTILE } from './fixtures.js';
import { JSON_FORMAT, renderJson } from './json.js';
import { buildExportModel, EXPORT_MODEL_VERSION } from './model.js';

interface JsonClause {
  ref: string;
  text: string;
  kind: string;
  number: string | null;
  content: unknown[];
}

describe('JSON export', () => {
  const model = buildExportModel(demoSource());
  const body = renderJson(model);
  const json = JSON.parse(body.toString('utf8')) as Record<string, unknown> & {
    clauses: JsonClause[];
    votes: { ballots: unknown[] }[];
  };

  it('carries its format and version', () => {
    expect(json.format).toBe(JSON_FORMAT);
    expect(json.version).toBe(EXPORT_MODEL_VERSION);
    expect(Object.keys(json)).toEqual([
      'format',
      'version',
      'document',
      'revision',
      'generatedAt',
      'textSha256',
      'fingerprint',
      'clauses',
      'annexes',
      'votes',
      'delegations',
      'ledger',
    ]);
  });

  it('lets anyone recompute the text checksum from the clauses', () => {
    const canonical = json.clauses.map((c) => `${c.ref}\n${c.text}`).join('\n\n');
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(json.textSha256);
    expect(json.textSha256).toBe(model.textSha256);
  });

  it('keeps the clause structure and the hostile text as data', () => {
    const op2 = json.clauses.find((c) => c.ref === 'OP2')!;
    expect(op2).toMatchObject({ kind: 'operative', number: '2' });
    expect(op2.content[1]).toMatchObject({
      type: 'list',
      depth: 0,
      items: [
        { label: 'a', list: { depth: 1, items: [{ label: 'i' }, { label: 'ii' }] } },
        { label: 'b' },
        { label: 'c' },
      ],
    });
    const text = body.toString('utf8');
    for (const value of Object.values(HOSTILE)) expect(text).toContain(value);
    expect(json.votes[0]!.ballots).toHaveLength(40);
  });

  it('is stable: the same model gives the same bytes, a changed text different ones', () => {
    expect(renderJson(buildExportModel(demoSource())).equals(body)).toBe(true);
    const changed = demoSource();
    changed.clauses[1] = { ...changed.clauses[1]!, content: clauseContent('*Having met* in Almaty,') };
    expect(renderJson(buildExportModel(changed)).equals(body)).toBe(false);
  });

  it('serialises a 200-clause declaration', () => {
    const generated = JSON.parse(renderJson(buildExportModel(generatedSource(200))).toString('utf8')) as {
      clauses: unknown[];
    };
    expect(generated.clauses).toHaveLength(200);
  });
});
