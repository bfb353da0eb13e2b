import JSZip from 'jszip';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import { splitByDirection } from './bidi.js';
import { flattenBlocks, type ExportBlock, type ExportRun } from './content.js';
import { documentStyles, FONT, NUMBERING, OPERATIVE, SUBPARAGRAPHS } from './docxStyles.js';
import type { ExportClause, ExportModel } from './model.js';
import { exportWords } from './exportWords.js';
import { conclusionLine, originalLine, untranslatedNote } from './wording.js';
import { xmlSafe } from './xml.js';

/**
 * The DOCX: real Word structure rather than a picture of the PDF. Operative paragraphs and subparagraphs are
 * Word numbered lists (so numbering survives edits in the secretariat's word processor), text is styled with
 * named paragraph styles, headings are Heading 1/2 (navigation pane), the recorded vote is a table, and a
 * draft carries Word's own watermark. The styles and the numbering definitions are in `docxStyles.ts`.
 */

/** Text runs of one styled run, split where the direction changes so Arabic and Hebrew are marked right-to-left. */
function textRuns(run: ExportRun, extra: { bold?: boolean; font?: string } = {}): TextRun[] {
  return splitByDirection(xmlSafe(run.text)).map(
    (part) =>
      new TextRun({
        text: part.text,
        // Only what is set is written: Word then takes the rest from the paragraph style.
        italics: run.em || undefined,
        italicsComplexScript: run.em || undefined,
        bold: run.strong || extra.bold || undefined,
        boldComplexScript: run.strong || extra.bold || undefined,
        rightToLeft: part.rtl || undefined,
        font: extra.font,
      }),
  );
}

const runsOf = (runs: readonly ExportRun[], extra?: { bold?: boolean; font?: string }): TextRun[] =>
  runs.flatMap((r) => textRuns(r, extra));
const plain = (text: string, extra?: { bold?: boolean; font?: string }): TextRun[] =>
  textRuns({ text, em: false, strong: false }, extra);

class DocxWriter {
  private lists = 0;
  readonly body: (Paragraph | Table)[] = [];

  constructor(private readonly model: ExportModel) {}

  /** Clause content; `numbered` puts the first paragraph in the operative list. */
  blocks(blocks: readonly ExportBlock[], numbered: boolean, style: string): void {
    let instance = 0;
    flattenBlocks(blocks).forEach((p, index) => {
      if (p.label === null) {
        this.body.push(
          new Paragraph({
            style,
            children: runsOf(p.runs),
            numbering: numbered && index === 0 ? { reference: OPERATIVE, level: 0, instance: 1 } : undefined,
          }),
        );
        return;
      }
      // Each top-level list of a clause restarts at (a): a new Word list instance, like the derived labels.
      if (p.depth === 0 && p.label === 'a') instance = ++this.lists;
      this.body.push(
        new Paragraph({
          style: 'Subparagraph',
          children: runsOf(p.runs),
          numbering: { reference: SUBPARAGRAPHS, level: Math.min(p.depth, 8), instance },
        }),
      );
    });
  }

  clause(clause: ExportClause): void {
    // A clause not yet translated is printed in the original's words, after a note saying so.
    if (clause.untranslated)
      this.body.push(
        new Paragraph({
          style: 'Masthead',
          alignment: AlignmentType.LEFT,
          children: plain(untranslatedNote(this.model)),
        }),
      );
    if (clause.kind === 'heading' || clause.kind === 'title') {
      for (const p of flattenBlocks(clause.blocks))
        this.body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runsOf(p.runs) }));
    } else if (clause.kind === 'operative') {
      this.blocks(clause.blocks, true, 'Operative');
    } else {
      this.blocks(clause.blocks, false, 'Preamble');
    }
  }

  masthead(): void {
    const { model } = this;
    this.body.push(
      new Paragraph({ style: 'Masthead', alignment: AlignmentType.LEFT, children: plain(model.proponent ?? 'Accord') }),
      new Paragraph({ style: 'Symbol', children: plain(model.document.symbol) }),
      new Paragraph({ style: 'Masthead', children: plain(model.dateText) }),
      new Paragraph({ style: 'Masthead', children: plain(originalLine(model)) }),
    );
    if (model.draft) {
      const status = exportWords(model.language).draftStatus(model.revision?.name ?? null);
      this.body.push(
        new Paragraph({ style: 'Masthead', alignment: AlignmentType.LEFT, children: plain(status, { bold: true }) }),
      );
    }
    this.body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: plain(model.title) }));
  }

  annex(view: AnnexView): void {
    this.body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: plain(view.label) }),
    );
    if (view.title) this.body.push(new Paragraph({ style: 'AnnexTitle', children: plain(view.title) }));
    for (const block of view.blocks) this.annexBlock(block);
  }

  private annexBlock(block: AnnexBlock): void {
    switch (block.type) {
      case 'paragraph':
        this.body.push(new Paragraph({ style: 'Body', children: runsOf(block.runs) }));
        return;
      case 'subheading':
        this.body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: plain(block.text) }));
        return;
      case 'code':
        this.body.push(new Paragraph({ style: 'Body', children: plain(block.text, { font: 'Courier New' }) }));
        return;
      case 'list':
        for (const item of block.items)
          this.body.push(new Paragraph({ style: 'Body', bullet: { level: 0 }, children: plain(item) }));
        return;
      case 'text':
        this.blocks(block.blocks, false, 'Preamble');
        return;
      case 'table':
        this.body.push(table(block.header, block.rows));
        return;
    }
  }
}

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], head: boolean): TableRow =>
    new TableRow({
      tableHeader: head,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: i === 0 ? 70 : 30, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: plain(text, { bold: head }) })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}

/** The running header: the symbol on every page but the first, and Word's watermark on every page of a draft. */
function pageHeader(model: ExportModel, first: boolean): Header {
  const children: ParagraphChild[] = [];
  if (model.draft) children.push(new TextWatermark({ text: 'DRAFT', font: FONT, color: 'C0C0C0', opacity: 0.4 }));
  if (!first) {
    if (model.draft) children.push(...plain('Draft\t', { bold: true }));
    children.push(...plain(model.document.symbol, { bold: true }));
  }
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children })] });
}

/** Renders the DOCX. */
export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const writer = new DocxWriter(model);
  writer.masthead();
  for (const clause of [...model.preamble, ...model.operative]) writer.clause(clause);
  writer.body.push(
    new Paragraph({
      style: 'Preamble',
      spacing: { before: 240 },
      children: [new TextRun({ text: conclusionLine(model), italics: true })],
    }),
  );
  for (const view of annexViews(model)) writer.annex(view);

  const doc = new Document({
    title: xmlSafe(model.title),
    subject: xmlSafe(model.document.symbol),
    creator: xmlSafe(model.proponent ?? 'Accord'),
    lastModifiedBy: 'Accord',
    description: xmlSafe(`${conclusionLine(model)} SHA-256 of the text: ${model.textSha256}`),
    keywords: `sha256:${model.textSha256} fingerprint:${model.fingerprint}`,
    styles: documentStyles(model.language),
    numbering: NUMBERING,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1440, right: 1440, header: 708, footer: 708 },
          },
        },
        headers: { first: pageHeader(model, true), default: pageHeader(model, false) },
        footers: { first: pageFooter(), default: pageFooter() },
        children: writer.body,
      },
    ],
  });
  return reproducible(await Packer.toBuffer(doc), model.generatedAt);
}

/**
 * The same model gives the same bytes, as every other format does: the package's verifier renders the DOCX
 * again from the JSON and compares. The writer stamps the current time into `docProps/core.xml` and on each
 * zip entry; both become the export's own time.
 */
export async function reproducible(docx: Buffer, generatedAt: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const date = new Date(generatedAt);
  const out = new JSZip();
  let watermarks = 0;
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    let body: Uint8Array | string = await file.async('uint8array');
    if (name === 'docProps/core.xml') {
      body = Buffer.from(body)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:)/g, `$1${date.toISOString()}$2`);
    } else if (/^word\/header\d+\.xml$/.test(name)) {
      // A draft's watermark shapes get random ids; numbered in order they are as unique, and stable.
      body = Buffer.from(body)
        .toString('utf8')
        .replace(/PowerPlusWaterMarkObject[^"]+/g, () => `PowerPlusWaterMarkObject${++watermarks}`);
    }
    // No folder entries: JSZip would stamp them with the current time.
    out.file(name, body, { date, compression: 'DEFLATE', createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
  });
}
