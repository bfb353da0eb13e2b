import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { inflatingZip, manualNumbersDraft, reviewedDraft, unLayoutDraft } from '../../test/helpers/wordDrafts.js';
import { readDocxPackage } from './docxPackage.js';
import { readDraft, type ImportOutcome } from './importWorker.js';
import type { ImportedDraft } from './present.js';

async function draftOf(bytes: Uint8Array): Promise<ImportedDraft> {
  const outcome = await readDraft({ bytes });
  if ('refused' in outcome) throw new Error(`refused: ${outcome.refused.id}`);
  return outcome.draft;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const outcome: ImportOutcome = await readDraft({ bytes });
  return 'refused' in outcome ? outcome.refused.id : 'read';
}

const shape = (d: ImportedDraft) => d.clauses.map((c) => `${c.kind}:${c.number ?? ''}`);
const ids = (d: ImportedDraft) => d.warnings.map((w) => w.id);

describe('reading a Word zero draft', () => {
  it('reads the UN layout on Word numbering: title, chapeau, preamble, heading, operative part, subparagraphs, annex', async () => {
    const draft = await draftOf(await unLayoutDraft());
    expect(draft.title).toBe('Draft Tashkent Declaration on Lifelong Learning');
    expect(shape(draft)).toEqual([
      'title:',
      'heading:',
      'preamble:PP1',
      'preamble:PP2',
      'heading:',
      'operative:1',
      'operative:2',
      'annex:Annex I',
    ]);
    expect(draft.clauses[2]!.markup).toBe('*Recalling* the Incheon Declaration on Education 2030,');
    expect(draft.clauses[5]!.markup).toBe(
      [
        '*Decides* to act on the following:',
        '(a) Teacher training in **every** region;',
        '(b) Accessible materials, including:',
        '  (i) braille editions;',
        '  (ii) sign language video;',
      ].join('\n'),
    );
    // An unnumbered paragraph after an operative paragraph is that paragraph's own.
    expect(draft.clauses[6]!.text).toBe(
      'Requests the secretariat to report in 2027.\nThe report shall be made public.',
    );
    expect(draft.clauses[7]!.text).toBe('Plan of action for the first two years.');
    expect(draft.warnings).toEqual([]);
  });

  it('understands numbers typed by hand, takes them off, and says when it renumbers', async () => {
    const draft = await draftOf(await manualNumbersDraft());
    expect(draft.title).toBe('Declaration on Inclusive Schools');
    expect(draft.clauses[0]!.markup).toBe('Declaration on Inclusive Schools');
    expect(shape(draft)).toEqual(['title:', 'preamble:PP1', 'operative:1', 'operative:2', 'operative:3']);
    expect(draft.clauses[2]!.markup).toBe(
      'Calls upon all States:\n(a) to adopt plans;\n  (i) with budgets;\n  (ii) with timelines;\n(b) to report.',
    );
    // "(i)" after "(h)" is the ninth letter, not a Roman one.
    expect(draft.clauses[4]!.markup.split('\n').at(-1)).toBe('(i) item i;');
    expect(draft.warnings).toEqual([
      {
        id: 'numbering_renumbered',
        clause: 4,
        message: 'The paragraph typed as number 4 is OP3: Accord numbers operative paragraphs in order.',
        params: { ref: 'OP3', typed: 4 },
      },
    ]);
  });

  it('takes tracked changes as accepted and reports them, comments with their author, images and bullets', async () => {
    const draft = await draftOf(await reviewedDraft());
    expect(draft.clauses[2]!.text).toBe('Urges States to fully fund inclusive schools;');
    expect(draft.clauses[3]!.text).toBe('Encourages cooperation;\n(a) first bullet');
    expect(ids(draft)).toEqual([
      'tracked_changes_accepted',
      'comment_not_imported',
      'image_not_imported',
      'bullets_as_subparagraphs',
    ]);
    expect(draft.warnings[0]).toMatchObject({ clause: 2, message: expect.stringContaining('In OP1') });
    expect(draft.warnings[1]).toMatchObject({
      clause: 3,
      message: 'In OP2, a Word comment by France: “Too weak; say "calls for".” was not imported.',
      params: { ref: 'OP2', author: 'France', quote: 'Too weak; say "calls for".' },
    });
    expect(draft.warnings[2]).toMatchObject({ clause: 3 });
  });

  it('gives a draft without a title the title its properties carry, and says so', async () => {
    const zip = await JSZip.loadAsync(await manualNumbersDraft());
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace(/<w:b\/>/g, '').replace('Declaration on Inclusive Schools', ''));
    const draft = await draftOf(await zip.generateAsync({ type: 'uint8array' }));
    expect(draft.clauses[0]).toMatchObject({ kind: 'title', text: 'Untitled draft' });
    expect(draft.warnings[0]).toMatchObject({
      id: 'no_title',
      clause: 0,
      params: { title: 'Untitled draft', ref: 'Title' },
    });
    expect(shape(draft).slice(1, 3)).toEqual(['preamble:PP1', 'operative:1']);
  });
});

describe('files the import refuses', () => {
  it('refuses what is not a .docx, an encrypted file, a damaged part, and a file that inflates past the limit', async () => {
    expect(await refusal(new TextEncoder().encode('%PDF-1.7 not a Word file'))).toBe('import_not_docx');
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toBe('import_encrypted');
    const noDocument = new JSZip();
    noDocument.file('hello.txt', 'hi');
    expect(await refusal(await noDocument.generateAsync({ type: 'uint8array' }))).toBe('import_not_docx');
    const broken = await JSZip.loadAsync(await unLayoutDraft());
    broken.file('word/document.xml', '<w:document><w:body><w:p>');
    expect(await refusal(await broken.generateAsync({ type: 'uint8array' }))).toBe('import_not_docx');
    const truncated = (await unLayoutDraft()).subarray(0, 2000);
    expect(await refusal(truncated)).toBe('import_not_docx');
    expect(await refusal(new Uint8Array(10 * 1024 * 1024 + 1))).toBe('import_too_large');
  });

  it('stops inflating a part as soon as the parts together pass the limit', async () => {
    const bomb = await inflatingZip(4 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const limits = { maxBytes: 1024 * 1024, maxInflatedBytes: 1024 * 1024 };
    await expect(readDocxPackage(bomb, limits)).rejects.toMatchObject({ id: 'import_too_large', status: 413 });
    await expect(readDocxPackage(bomb, { ...limits, maxInflatedBytes: 8 * 1024 * 1024 })).resolves.toMatchObject({
      styles: null,
    });
  });
});
