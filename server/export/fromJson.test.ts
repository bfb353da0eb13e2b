import { describe, expect, it } from 'vitest';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { clauseBlocks } from './content.js';
import { clauseContent, demoSource, generatedSource, seedSource } from './fixtures.js';
import { FILE_FORMATS, renderFile } from './files.js';
import { clauseJson, sourceFromJson } from './fromJson.js';
import { renderJson } from './json.js';
import { buildExportModel, type ExportSource } from './model.js';

const signed = (source: ExportSource): ExportSource => ({
  ...source,
  signing: {
    keyFingerprint: 'ed25519:0123-4567-89ab-cdef-0123-4567-89ab-cdef',
    head: { seq: 42, hash: 'f'.repeat(64) },
  },
  votes: source.votes.map((v) => ({ ...v, ledger: { seq: 40, hash: 'e'.repeat(64) } })),
});

const sources: [string, ExportSource][] = [
  ['the demo-like declaration, with its ledger', signed(demoSource())],
  [
    'a draft without votes or ledger',
    demoSource({
      votes: [],
      endorsements: [],
      revision: null,
      document: { ...demoSource().document, stage: 'negotiation' },
    }),
  ],
  ['a generated declaration of 200 clauses', generatedSource(200)],
  ...(seedSource() ? [['the demo seed', seedSource()!] as [string, ExportSource]] : []),
];

describe.each(sources)('the JSON export of %s, read back', (_name, source) => {
  const model = buildExportModel(source);

  it('is the whole model: every format renders to the same bytes from it', async () => {
    const json = renderJson(model);
    const again = buildExportModel(sourceFromJson(JSON.parse(json.toString('utf8')), model.ledger));
    expect(again).toEqual(model);
    for (const format of FILE_FORMATS) {
      expect((await renderFile(format, again)).body.equals((await renderFile(format, model)).body), format).toBe(true);
    }
  });
});

describe('formatted content', () => {
  it('goes back to clause JSON that the schema accepts and that reduces to the same blocks', () => {
    for (const markup of [
      '*Recalling* the **Salamanca** Statement,',
      'Adopts:\n(a) one;\n(b) *two*:\n  (i) **three**;',
      '',
    ]) {
      const blocks = clauseBlocks(clauseFromJSON(clauseContent(markup)));
      expect(clauseBlocks(clauseFromJSON(clauseJson(blocks)))).toEqual(blocks);
    }
  });

  it('refuses JSON that is not an export, naming the field', () => {
    const json = JSON.parse(renderJson(buildExportModel(demoSource())).toString('utf8')) as {
      clauses: { kind: string }[];
    };
    json.clauses[0]!.kind = 'poem';
    expect(() => sourceFromJson(json, [])).toThrow(/^clauses\.0\.kind: /);
    expect(() => sourceFromJson({ format: 'other' }, [])).toThrow(RangeError);
  });
});
