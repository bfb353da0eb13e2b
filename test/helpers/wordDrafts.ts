import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';
import JSZip from 'jszip';

/**
 * Word drafts shaped as secretariats write them, built with the `docx` package (as Word would save them) for
 * the import tests: a UN resolution layout on Word's automatic numbering, a draft numbered by hand, and a
 * draft with tracked changes, comments, an image and bullets.
 */

const text = (t: string, extra: { italics?: boolean; bold?: boolean } = {}): TextRun =>
  new TextRun({ text: t, ...extra });
const plain = (...children: TextRun[]): Paragraph => new Paragraph({ children });

/** Word's own numbering as UN documents use it: 1. then (a) then (i). */
const UN_NUMBERING = {
  config: [
    {
      reference: 'un',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT },
        { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.LEFT },
        { level: 2, format: LevelFormat.LOWER_ROMAN, text: '(%3)', alignment: AlignmentType.LEFT },
      ],
    },
  ],
};

const numbered = (level: number, ...children: TextRun[]): Paragraph =>
  new Paragraph({ numbering: { reference: 'un', level }, children });

function pack(children: FileChild[], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Buffer> {
  return Packer.toBuffer(new Document({ numbering: UN_NUMBERING, ...extra, sections: [{ children }] }));
}

/** A zero draft in the UN layout: title, chapeau, preamble, a heading, numbered operative part, an annex. */
export function unLayoutDraft(): Promise<Buffer> {
  return pack([
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text('Draft Tashkent Declaration on Lifelong Learning')] }),
    plain(text('The Conference,')),
    plain(text('Recalling', { italics: true }), text(' the Incheon Declaration on Education 2030,')),
    plain(text('Noting with concern', { italics: true }), text(' that 250 million children cannot read,')),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text('Commitments')] }),
    numbered(0, text('Decides', { italics: true }), text(' to act on the following:')),
    numbered(1, text('Teacher training in '), text('every', { bold: true }), text(' region;')),
    numbered(1, text('Accessible materials, including:')),
    numbered(2, text('braille editions;')),
    numbered(2, text('sign language video;')),
    numbered(0, text('Requests', { italics: true }), text(' the secretariat to report in 2027.')),
    plain(text('The report shall be made public.')),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text('Annex')] }),
    plain(text('Plan of action for the first two years.')),
  ]);
}

/** A draft numbered by typing: "1." and "(a)" in the text, with a gap (2 then 4) and a typed "(h)" then "(i)". */
export function manualNumbersDraft(): Promise<Buffer> {
  const letters = 'abcdefghi'.split('').map((l) => plain(text(`(${l}) item ${l};`)));
  return pack([
    plain(text('Declaration on Inclusive Schools', { bold: true })),
    plain(text('Welcoming', { italics: true }), text(' the progress made,')),
    plain(text('1.\tCalls upon all States:')),
    plain(text('(a) to adopt plans;')),
    plain(text('    (i) with budgets;')),
    plain(text('    (ii) with timelines;')),
    plain(text('(b) to report.')),
    plain(text('2. Invites partners to contribute.')),
    plain(text('4. Decides to remain seized of the matter, with nine points:')),
    ...letters,
  ]);
}

/** A one-pixel PNG, for a drawing in the text. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A draft under review: a tracked insertion and deletion, a comment by a delegation, an image and bullets. */
export function reviewedDraft(): Promise<Buffer> {
  const date = '2026-10-01T10:00:00Z';
  return pack(
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [text('Draft Almaty Follow-up')] }),
      plain(text('Recognizing', { italics: true }), text(' the role of families,')),
      numbered(
        0,
        text('Urges', { italics: true }),
        text(' States to '),
        new InsertedTextRun({ id: 1, author: 'Secretariat', date, text: 'fully ' }) as unknown as TextRun,
        text('fund'),
        new DeletedTextRun({ id: 2, author: 'Secretariat', date, text: ' and consider' }) as unknown as TextRun,
        text(' inclusive schools;'),
      ),
      new Paragraph({
        numbering: { reference: 'un', level: 0 },
        children: [
          new CommentRangeStart(0),
          text('Encourages', { italics: true }),
          text(' cooperation;'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
        ],
      }),
      plain(
        new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } }) as unknown as TextRun,
      ),
      new Paragraph({ bullet: { level: 0 }, children: [text('first bullet')] }),
    ],
    {
      comments: {
        children: [
          { id: 0, author: 'France', date: new Date(date), children: [plain(text('Too weak; say "calls for".'))] },
        ],
      },
    },
  );
}

/** A ZIP holding a document part that inflates far past the import's limit from a few hundred kilobytes. */
export async function inflatingZip(inflatedBytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('word/document.xml', ' '.repeat(inflatedBytes));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
