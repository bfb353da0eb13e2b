import { AlignmentType, LevelFormat, type ILevelsOptions, type IPropertiesOptions } from 'docx';

/**
 * The DOCX's look: Word's named paragraph styles (the United Nations document layout) and its numbering
 * definitions (operative paragraphs "1.", subparagraphs "(a)", "(i)"), which the writer (`docx.ts`) refers to
 * by name.
 */

export const FONT = 'Times New Roman';
export const HALF_INCH = 720; // twips
export const OPERATIVE = 'operative';
export const SUBPARAGRAPHS = 'subparagraphs';

/** Nine Word list levels: (a), (i), (a)… as the clause numbering alternates letters and Roman numerals. */
const SUBPARAGRAPH_LEVELS: ILevelsOptions[] = Array.from({ length: 9 }, (_, level) => ({
  level,
  format: level % 2 === 0 ? LevelFormat.LOWER_LETTER : LevelFormat.LOWER_ROMAN,
  text: `(%${level + 1})`,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: HALF_INCH * (level + 2), hanging: HALF_INCH } } },
}));

/** Word's styles: the UN document layout, in the export's font and language. */
export function documentStyles(lang: string): IPropertiesOptions['styles'] {
  const language = { value: lang };
  return {
    default: {
      document: {
        run: {
          font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT },
          size: 22,
          sizeComplexScript: 22,
          language,
        },
      },
      title: {
        run: { font: FONT, size: 26, bold: true, color: '000000' },
        paragraph: { spacing: { before: 360, after: 240 } },
      },
      heading1: {
        run: { font: FONT, size: 24, bold: true, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 }, keepNext: true },
      },
      heading2: {
        run: { font: FONT, size: 22, bold: true, color: '000000' },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
      },
    },
    paragraphStyles: [
      {
        id: 'Body',
        name: 'Body Text',
        basedOn: 'Normal',
        paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 } },
      },
      {
        id: 'Preamble',
        name: 'Preambular Paragraph',
        basedOn: 'Body',
        paragraph: { indent: { firstLine: HALF_INCH } },
      },
      {
        id: 'Operative',
        name: 'Operative Paragraph',
        basedOn: 'Body',
        paragraph: { indent: { firstLine: HALF_INCH } },
      },
      { id: 'Subparagraph', name: 'Subparagraph', basedOn: 'Body', paragraph: { spacing: { after: 60 } } },
      {
        id: 'Masthead',
        name: 'Masthead',
        basedOn: 'Normal',
        run: { size: 18 },
        paragraph: { alignment: AlignmentType.RIGHT },
      },
      {
        id: 'Symbol',
        name: 'Document Symbol',
        basedOn: 'Normal',
        run: { size: 28, bold: true },
        paragraph: {
          alignment: AlignmentType.RIGHT,
          border: { bottom: { style: 'single', size: 12, color: '000000', space: 4 } },
          spacing: { after: 120 },
        },
      },
      {
        id: 'AnnexTitle',
        name: 'Annex Title',
        basedOn: 'Normal',
        run: { size: 24, bold: true },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 }, keepNext: true },
      },
    ],
  };
}

/** The operative paragraphs' numbers and the subparagraphs' letters, as Word's own lists. */
export const NUMBERING: IPropertiesOptions['numbering'] = {
  config: [
    {
      reference: OPERATIVE,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1.',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 0, firstLine: HALF_INCH } } },
        },
      ],
    },
    { reference: SUBPARAGRAPHS, levels: SUBPARAGRAPH_LEVELS },
  ],
};
