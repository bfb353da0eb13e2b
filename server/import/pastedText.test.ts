import { describe, expect, it } from 'vitest';
import { readDraft } from './importWorker.js';
import type { ImportedDraft } from './present.js';

async function draftOf(text: string): Promise<ImportedDraft> {
  const outcome = await readDraft({ text });
  if ('refused' in outcome) throw new Error(`refused: ${outcome.refused.id}`);
  return outcome.draft;
}

const shape = (d: ImportedDraft): string[] => d.clauses.map((c) => `${c.kind}:${c.number ?? ''}`);

/** A zero draft as a secretariat pastes it from an e-mail: UN layout, typed numbers, Windows line ends. */
const ZERO_DRAFT = [
  'Almaty Declaration on Inclusive Education',
  '',
  'The World Inclusion Congress,',
  'Recognizing the right of every person to education,',
  'Recalling the Convention on the Rights of Persons with Disabilities,',
  '',
  '1. Calls upon States to remove barriers to learning;',
  '2. Encourages States:',
  '(a) to train teachers;',
  '(b) to adapt curricula;',
  '3. Decides to remain seized of the matter.',
  '',
  'Annex',
  'Plan of action for the first five years.',
].join('\r\n');

describe('a pasted text read as a draft', () => {
  it('reads the title, preambular and operative paragraphs, subparagraphs and an annex, one line a paragraph', async () => {
    const draft = await draftOf(ZERO_DRAFT);
    expect(draft.title).toBe('Almaty Declaration on Inclusive Education');
    expect(shape(draft)).toEqual([
      'title:',
      'heading:',
      'preamble:PP1',
      'preamble:PP2',
      'operative:1',
      'operative:2',
      'operative:3',
      'annex:Annex I',
    ]);
    expect(draft.clauses[2]!.text).toBe('Recognizing the right of every person to education,');
    // The typed numbers and labels are Accord's to draw: taken off the text, the subparagraphs kept.
    expect(draft.clauses[4]!.text).toBe('Calls upon States to remove barriers to learning;');
    expect(draft.clauses[5]!.text).toBe('Encourages States:\n(a) to train teachers;\n(b) to adapt curricula;');
    expect(draft.clauses[7]!.text).toBe('Plan of action for the first five years.');
    expect(draft.warnings).toEqual([]);
  });

  it('invents no emphasis, and keeps asterisks and brackets as the text had them', async () => {
    const draft = await draftOf('Title\n1. Calls upon *all* States [to act];');
    expect(draft.clauses[1]!.text).toBe('Calls upon *all* States [to act];');
    expect(draft.clauses[1]!.markup).not.toMatch(/(^|[^\\])\*all\*/);
  });

  it('says when numbers were typed out of order, and when no title could be found', async () => {
    const draft = await draftOf('1. Calls upon States to act;\n3. Encourages cooperation.');
    expect(shape(draft)).toEqual(['title:', 'operative:1', 'operative:2']);
    expect(draft.warnings.map((w) => w.id)).toEqual(['no_title', 'numbering_renumbered']);
  });
});
