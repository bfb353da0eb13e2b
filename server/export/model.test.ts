import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { flattenBlocks, runsText } from './content.js';
import {
  clauseContent,
  DEMO_CLAUSES,
  DELEGATIONS,
  demoSource,
  generatedSource,
  HOSTILE,
  seedSource,
} from './fixtures.js';
import { buildExportModel, canonicalText } from './model.js';
import { quorumText } from './wording.js';

describe('buildExportModel', () => {
  const model = buildExportModel(demoSource());

  it('numbers clauses from their order and kind', () => {
    expect(model.clauses.map((c) => c.ref)).toEqual([
      'Title',
      'PP1',
      'PP2',
      'PP3',
      'PP4',
      'OP1',
      'OP2',
      'H1',
      'OP3',
      'Annex I',
    ]);
    expect(model.operative.filter((c) => c.kind === 'operative').map((c) => c.number)).toEqual(['1', '2', '3']);
  });

  it('takes the title from the title clause and splits the rest into preamble, operative part and annexes', () => {
    expect(model.title).toBe('Almaty Declaration on Inclusive Education');
    expect(model.preamble.map((c) => c.ref)).toEqual(['PP1', 'PP2', 'PP3', 'PP4']);
    expect(model.operative.map((c) => c.ref)).toEqual(['OP1', 'OP2', 'H1', 'OP3']);
    expect(model.textAnnexes.map((c) => c.ref)).toEqual(['Annex I']);
  });

  it('puts a heading with the part that follows it', () => {
    const source = demoSource({
      clauses: [
        { id: 'h0', kind: 'heading', status: 'open', content: clauseContent('Considerations') },
        { id: 'p1', kind: 'preamble', status: 'open', content: clauseContent('*Noting* the work done,') },
        { id: 'h1', kind: 'heading', status: 'open', content: clauseContent('Decisions') },
        { id: 'o1', kind: 'operative', status: 'open', content: clauseContent('*Decides* to act;') },
        { id: 'h2', kind: 'heading', status: 'open', content: clauseContent('Trailing heading') },
      ],
    });
    const parts = buildExportModel(source);
    expect(parts.preamble.map((c) => c.id)).toEqual(['h0', 'p1']);
    expect(parts.operative.map((c) => c.id)).toEqual(['h1', 'o1', 'h2']);
    expect(parts.title).toBe(source.document.title);
  });

  it('reads the opening phrase from the leading italics', () => {
    expect(model.clauses.map((c) => c.openingPhrase)).toEqual([
      null,
      'Having convened',
      'Recalling',
      'Noting',
      'Welcoming',
      'Affirms',
      'Adopts',
      null,
      'Requests',
      null,
    ]);
  });

  it('keeps the text intact, with derived subparagraph labels', () => {
    const op2 = model.clauses.find((c) => c.ref === 'OP2')!;
    expect(op2.text).toBe(
      [
        'Adopts the following recommendations:',
        '(a) For national Governments:',
        '  (i) Establishing early identification of special educational needs;',
        '  (ii) Integrating education, health and social-protection services;',
        `(b) For education organizations ${HOSTILE.html} & partners;`,
        '(c) For international institutions, providing technical assistance <b>and</b> financing;',
      ].join('\n'),
    );
    expect(flattenBlocks(op2.blocks).map((p) => [p.depth, p.label])).toEqual([
      [-1, null],
      [0, 'a'],
      [1, 'i'],
      [1, 'ii'],
      [0, 'b'],
      [0, 'c'],
    ]);
    const pp4 = model.clauses.find((c) => c.ref === 'PP4')!;
    expect(runsText(flattenBlocks(pp4.blocks)[0]!.runs)).toContain(
      `«${HOSTILE.arabic}» and «${HOSTILE.hebrew}» and the symbol ${HOSTILE.emoji}`,
    );
  });

  it('hashes the canonical text: references and plain text of every clause, in order', () => {
    const expected = DEMO_CLAUSES.map((_, i) => `${model.clauses[i]!.ref}\n${model.clauses[i]!.text}`).join('\n\n');
    expect(canonicalText(model.clauses)).toBe(expected);
    expect(model.textSha256).toBe(createHash('sha256').update(expected, 'utf8').digest('hex'));
    expect(model.annexes.integrity.sha256).toBe(model.textSha256);
  });

  it('changes the hash when a single character of the text changes', () => {
    const source = demoSource();
    const altered = {
      ...source,
      clauses: source.clauses.map((c, i) =>
        i === 5
          ? { ...c, content: clauseContent('*Affirms* that inclusive education is a right & not a privilege;') }
          : c,
      ),
    };
    expect(buildExportModel(altered).textSha256).not.toBe(model.textSha256);
  });

  it('watermarks every stage but adopted', () => {
    expect(model.draft).toBe(false);
    for (const stage of ['drafting', 'negotiation', 'adoption'] as const) {
      expect(buildExportModel(demoSource({ document: { ...demoSource().document, stage } })).draft).toBe(true);
    }
  });

  it('names files after the document, the revision or the stage, and the date', () => {
    expect(model.baseName).toBe('almaty-declaration-final-2025-10-17');
    const live = demoSource({
      revision: null,
      document: { ...demoSource().document, stage: 'negotiation', date: '2025-10-16T09:00:00Z' },
    });
    expect(buildExportModel(live).baseName).toBe('almaty-declaration-draft-2025-10-16');
    expect(buildExportModel({ ...live, document: { ...live.document, stage: 'adopted' } }).baseName).toBe(
      'almaty-declaration-final-2025-10-16',
    );
    expect(
      buildExportModel({
        ...live,
        revision: { id: 'r1', name: 'Rev.1 (Zero draft) — Ω', createdAt: '2025-10-15T00:00:00Z' },
      }).baseName,
    ).toBe('almaty-declaration-rev-1-zero-draft-2025-10-16');
  });

  it('records the whole-text vote per delegation, in English alphabetical order', () => {
    const annex = model.annexes.recordedVote!;
    expect(annex.label).toBe('Annex II');
    expect(annex.vote.ballots).toHaveLength(40);
    const names = annex.vote.ballots.map((b) => b.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(names[0]).toBe('Australia');
    expect(annex.vote.ballots.filter((b) => b.choice === 'yes')).toHaveLength(annex.vote.result.yes);
    expect(annex.vote.ballots.find((b) => b.delegation === 'FRA')!.explanation).toContain(HOSTILE.html);
  });

  it('lists delegations that did not vote, and ballots from delegations it does not know', () => {
    const source = demoSource();
    const vote = source.votes[0]!;
    const partial = { ...vote, ballots: [...vote.ballots.slice(1), { delegation: 'XXK', choice: 'yes' as const }] };
    const ballots = buildExportModel({ ...source, votes: [partial] }).annexes.recordedVote!.vote.ballots;
    expect(ballots.find((b) => b.delegation === DELEGATIONS[0]!.code)!.choice).toBeNull();
    expect(ballots.at(-1)).toEqual({ delegation: 'XXK', name: 'XXK', choice: 'yes', explanation: null });
  });

  it('annexes the endorsements with reservations in full, the latest endorsement of a delegation counting', () => {
    const annex = model.annexes.endorsements!;
    expect(annex.label).toBe('Annex III');
    expect(annex.endorsing).toHaveLength(39);
    expect(annex.notEndorsing.map((e) => e.delegation)).toEqual(['MNG']);
    const usa = annex.endorsing.find((e) => e.delegation === 'USA')!;
    expect(usa.kind).toBe('endorse_with_reservation');
    expect(usa.statement).toBe(
      `Paragraph 2 (b) is understood as "non-binding" & subject to <national law>.\nSecond paragraph: ${HOSTILE.hebrew}.`,
    );

    const changed = demoSource({
      endorsements: [...demoSource().endorsements, { delegation: 'MNG', kind: 'endorse', at: '2025-10-18T08:00:00Z' }],
    });
    expect(buildExportModel(changed).annexes.endorsements!.notEndorsing).toEqual([]);
    expect(model.annexes.integrity.label).toBe('Annex IV');
  });

  it('leaves out the vote and endorsement annexes when there are none', () => {
    const bare = buildExportModel(demoSource({ votes: [], endorsements: [] }));
    expect(bare.annexes.recordedVote).toBeNull();
    expect(bare.annexes.endorsements).toBeNull();
    expect(bare.annexes.integrity.label).toBe('Annex II');
  });

  it('refuses clause content the schema does not allow, naming the clause', () => {
    const bad = demoSource({
      clauses: [
        { id: 'broken', kind: 'operative', status: 'open', content: { type: 'doc', content: [{ type: 'image' }] } },
      ],
    });
    expect(() => buildExportModel(bad)).toThrow(/Clause broken/);
    expect(() => buildExportModel(demoSource({ document: { ...demoSource().document, date: 'tomorrow' } }))).toThrow(
      RangeError,
    );
  });

  it('generates a 200-clause declaration', () => {
    const generated = buildExportModel(generatedSource(200));
    expect(generated.clauses).toHaveLength(200);
    expect(generated.operative.filter((c) => c.kind === 'operative').length).toBeGreaterThan(100);
    expect(generated.textAnnexes).toHaveLength(3);
  });

  it.runIf(seedSource() !== null)('builds the demo seed declaration', () => {
    const seed = buildExportModel(seedSource()!);
    expect(seed.title).toBe('Almaty Declaration on Inclusive Education');
    expect(seed.baseName).toBe('almaty-declaration-final-2025-10-17');
    expect(seed.preamble.every((c) => c.kind !== 'preamble' || c.openingPhrase)).toBe(true);
  });
});

describe('vote wording', () => {
  it('states the quorum as a number of delegations or as a share', () => {
    expect(quorumText(20)).toBe('20 delegations');
    expect(quorumText(0.5, 20)).toBe('50% of the registered delegations (20)');
    expect(quorumText(2 / 3)).toBe('66.7% of the registered delegations');
  });
});
