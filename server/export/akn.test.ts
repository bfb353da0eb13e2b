import { describe, expect, it } from 'vitest';
import { renderAkn } from './akn.js';
import { demoSource, generatedSource, HOSTILE, seedSource } from './fixtures.js';
import { buildExportModel, type ExportSource } from './model.js';
import { markupText, normalise, validateAkn, xmllint } from './testTools.js';

const compact = (text: string): string => normalise(text).replace(/\s/g, '');

/** Evaluates an XPath over the document with xmllint (namespaces matched by local name). */
async function xpath(xml: Buffer, expression: string): Promise<string> {
  const { code, output } = await xmllint(xml, ['--xpath', expression]);
  expect(code).toBe(0);
  return output.trim();
}

const local = (...names: string[]): string => names.map((n) => `*[local-name()='${n}']`).join('/');

const cases: [string, ExportSource][] = [
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
  [
    'a draft without votes or endorsements',
    demoSource({
      revision: null,
      votes: [],
      endorsements: [],
      document: { ...demoSource().document, stage: 'drafting' },
    }),
  ],
];
const seed = seedSource();
if (seed) cases.push(['the demo seed declaration', seed]);

describe.each(cases)('Akoma Ntoso of %s', (_name, source) => {
  const model = buildExportModel(source);
  const xml = renderAkn(model);

  it('validates against the Akoma Ntoso 3.0 schema', async () => {
    const result = await validateAkn(xml);
    expect(result.output).toContain('validates');
    expect(result.code).toBe(0);
  });

  it('is a statement with the AKN4UN preface, FRBR identification and status', async () => {
    const root = `/${local('akomaNtoso', 'statement')}`;
    expect(
      await xpath(xml, `string(${root}/${local('meta', 'identification', 'FRBRWork', 'FRBRthis')}/@value)`),
    ).toMatch(/^\/akn\/un\/statement\/deliberation\/[a-z0-9-]+\/\d{4}-\d{2}-\d{2}\/[a-z0-9-]+\/!main$/);
    const preface = `${root}/${local('preface')}`;
    expect(await xpath(xml, `string(${preface}//${local('docNumber')})`)).toBe(model.document.symbol);
    expect(await xpath(xml, `string(${preface}//${local('docTitle')})`)).toBe(model.title);
    expect(await xpath(xml, `string(${preface}//${local('docDate')}/@date)`)).toBe(model.document.date);
    expect(await xpath(xml, `string(${preface}//${local('docStatus')})`)).toBe(model.draft ? 'Draft' : 'Adopted');
    expect(await xpath(xml, `count(${preface}//${local('docProponent')})`)).toBe('1');
  });

  it('has one container per preambular paragraph and one numbered paragraph per operative paragraph', async () => {
    const root = `/${local('akomaNtoso', 'statement')}`;
    const preambular = model.preamble.filter((c) => c.kind === 'preamble').length;
    expect(await xpath(xml, `count(${root}/${local('preamble', 'container')}[@name='preambularParagraph'])`)).toBe(
      String(preambular),
    );
    const operative = model.operative.filter((c) => c.kind === 'operative');
    expect(await xpath(xml, `count(${root}/${local('mainBody', 'paragraph')})`)).toBe(String(operative.length));
    expect(await xpath(xml, `string(${root}/${local('mainBody', 'paragraph')}[last()]/${local('num')})`)).toBe(
      `${operative.length}.`,
    );
    expect(await xpath(xml, `count(${root}/${local('attachments', 'attachment')})`)).toBe(
      String(
        model.textAnnexes.length + (model.annexes.recordedVote ? 1 : 0) + (model.annexes.endorsements ? 1 : 0) + 1,
      ),
    );
  });

  it('holds the text of every clause', () => {
    const text = compact(markupText(xml.toString('utf8')));
    for (const clause of model.clauses) expect(text).toContain(compact(clause.text));
    expect(text).toContain(model.textSha256);
  });

  it('records the vote in the parliamentary analysis', async () => {
    const voting = `/${local('akomaNtoso', 'statement', 'meta', 'analysis', 'parliamentary', 'voting')}`;
    expect(await xpath(xml, `count(${voting})`)).toBe(String(model.votes.length));
    const vote = model.annexes.recordedVote?.vote;
    if (!vote) return;
    expect(await xpath(xml, `string(${voting}[1]/@outcome)`)).toBe('#adopted');
    for (const choice of ['yes', 'no', 'abstain'] as const) {
      expect(await xpath(xml, `string(${voting}[1]/${local('count')}[@refersTo='#${choice}']/@value)`)).toBe(
        String(vote.result[choice]),
      );
    }
    expect(await xpath(xml, `count(//${local('attachment')}//${local('table')}//${local('organization')})`)).toBe(
      String(vote.ballots.length),
    );
  });
});

describe('Akoma Ntoso text', () => {
  const xml = renderAkn(buildExportModel(demoSource())).toString('utf8');

  it('escapes markup and keeps multilingual text intact', () => {
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; partners;');
    for (const text of [HOSTILE.kazakh, HOSTILE.uzbek, HOSTILE.arabic, HOSTILE.hebrew, HOSTILE.emoji])
      expect(xml).toContain(text);
    expect(xml).toContain('<i>Recalling</i> the motto');
  });

  it('puts subparagraphs in numbered points', () => {
    expect(xml).toContain(
      '<point eId="para_2__point_a"><num>(a)</num><intro><p>For national Governments:</p></intro><point eId="para_2__point_a__point_i"><num>(i)</num>',
    );
  });

  it('fails validation when the structure is wrong (the check is real)', async () => {
    const broken = Buffer.from(xml.replace(/<mainBody>[\s\S]*<\/mainBody>(?=<conclusions>)/, ''), 'utf8');
    expect((await validateAkn(broken)).code).not.toBe(0);
  });
});
