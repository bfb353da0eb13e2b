import PDFDocument from 'pdfkit';
import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import { flattenBlocks, type ExportBlock, type ExportRun } from './content.js';
import { FACE_KEYS, face } from './fonts.js';
import type { ExportClause, ExportModel } from './model.js';
import { TextSetter, type Line, type RunStyle } from './pdfText.js';
import { drawDraftWatermark } from './pdfWatermark.js';
import { conclusionLine, languageName } from './wording.js';

/**
 * The official-document PDF: A4, United Nations-style masthead, running header with the symbol, page numbers
 * "n/N", justified text in embedded DejaVu fonts (so Kazakh, Uzbek and Russian print on any reader), real
 * text throughout (searchable and extractable), a diagonal "DRAFT" on every page of an unadopted text.
 */

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
const RIGHT = PAGE.width - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
/** First-line indent and list step of United Nations documents: half an inch. */
const INDENT = 36;
const BODY = 10.5;
const LEADING = 14;

const plain = (text: string, strong = false): ExportRun => ({ text, em: false, strong });

interface ParagraphOptions extends RunStyle {
  size: number;
  /** Indent of the first line from the left margin. */
  first?: number;
  /** Indent of the other lines. */
  rest?: number;
  /** Indent from the right margin. */
  right?: number;
  /**
   * Printed before the first line, right-aligned to end at `labelEnd` (from the left margin): "1.", "(a)".
   * Labels sit a fixed 6 points before the text, close enough for extractors to keep them on its line.
   */
  label?: string;
  labelEnd?: number;
  align?: 'justify' | 'left' | 'center' | 'right';
  before?: number;
  /** Keep with the next paragraph: a heading never ends a page. */
  keep?: boolean;
}

class PdfComposer {
  readonly doc: PDFKit.PDFDocument;
  private readonly setters = new Map<number, TextSetter>();
  private y = MARGIN.top;

  constructor(readonly model: ExportModel) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      pdfVersion: '1.7',
      lang: model.language,
      displayTitle: true,
      info: {
        Title: model.title,
        Subject: model.document.symbol,
        Author: model.proponent ?? 'Accord',
        Keywords: [
          model.document.symbol,
          model.draft ? 'draft' : 'adopted',
          `sha256:${model.textSha256}`,
          `fingerprint:${model.fingerprint}`,
        ].join(', '),
        Creator: 'Accord',
        CreationDate: new Date(model.generatedAt),
      },
    });
    for (const key of FACE_KEYS) this.doc.registerFont(key, face(key).data);
  }

  private setter(size: number): TextSetter {
    let setter = this.setters.get(size);
    if (!setter) this.setters.set(size, (setter = new TextSetter(this.doc, size)));
    return setter;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  space(points: number): void {
    this.y = Math.min(this.y + points, BOTTOM);
  }

  paragraph(runs: readonly ExportRun[], options: ParagraphOptions): void {
    const { size } = options;
    const setter = this.setter(size);
    const leading = size === BODY ? LEADING : Math.round(size * 1.35);
    const right = RIGHT - (options.right ?? 0);
    const firstX = MARGIN.left + (options.first ?? 0);
    const restX = MARGIN.left + (options.rest ?? 0);
    const lines = setter.lines(runs, options, right - firstX, right - restX);
    if (this.y > MARGIN.top) this.space(options.before ?? 0);
    // No single line of a paragraph is left alone at the foot of a page; a heading takes its successor along.
    const keep = Math.min(lines.length, 2) * leading + (options.keep ? 3 * LEADING : 0);
    if (this.y + keep > BOTTOM) this.newPage();
    lines.forEach((line, index) => {
      if (this.y + leading > BOTTOM) this.newPage();
      const baseline = this.y + size;
      const x = index === 0 ? firstX : restX;
      const width = right - x;
      if (index === 0 && options.label) {
        const label = this.line(size, options.label, !!options.bold);
        setter.draw(label, MARGIN.left + (options.labelEnd ?? 0) - label.width, baseline, width, false);
      }
      const align = options.align ?? 'justify';
      const offset = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
      setter.draw(line, x + Math.max(0, offset), baseline, width, align === 'justify' && index < lines.length - 1);
      this.y += leading;
    });
  }

  /** Clause content: paragraphs at `first`, subparagraphs hanging under their labels. */
  blocks(blocks: readonly ExportBlock[], options: { number?: string; first: number }): void {
    flattenBlocks(blocks).forEach((p, index) => {
      if (p.label === null) {
        const numbered = index === 0 && options.number !== undefined;
        this.paragraph(p.runs, {
          size: BODY,
          first: numbered ? INDENT + 18 : options.first,
          label: numbered ? `${options.number}.` : undefined,
          labelEnd: INDENT + 12,
          before: index === 0 ? 6 : 3,
        });
      } else {
        const at = INDENT * (p.depth + 1);
        this.paragraph(p.runs, {
          size: BODY,
          label: `(${p.label})`,
          labelEnd: at + 18,
          first: at + 24,
          rest: at + 24,
          before: 3,
        });
      }
    });
  }

  masthead(): void {
    const { model } = this;
    const top = MARGIN.top - 24;
    this.y = top;
    this.paragraph([plain(model.document.symbol, true)], { size: 14, align: 'right' });
    // The proponent on the left, beside the symbol and never under it.
    const symbolWidth = this.line(14, model.document.symbol, true).width;
    this.y = top;
    this.paragraph([plain(model.proponent ?? 'Accord')], { size: 9, align: 'left', right: symbolWidth + 18 });
    this.y = Math.max(this.y, top + 22);
    this.doc.moveTo(MARGIN.left, this.y).lineTo(RIGHT, this.y).lineWidth(1.5).stroke();
    this.space(8);
    this.paragraph([plain(model.dateText)], { size: 9, align: 'right' });
    this.paragraph([plain(`Original: ${languageName(model.language)}`)], { size: 9, align: 'right' });
    if (model.draft) {
      const status = model.revision
        ? `Draft \u2014 ${model.revision.name} \u2014 not adopted`
        : 'Draft \u2014 not adopted';
      this.paragraph([plain(status, true)], { size: 9, align: 'left', before: 4 });
    }
    this.space(22);
    this.doc.outline.addItem(model.title);
    this.paragraph([plain(model.title, true)], { size: 13, align: 'left' });
    this.space(10);
  }

  clause(clause: ExportClause): void {
    if (clause.kind === 'heading' || clause.kind === 'title') {
      this.doc.outline.addItem(clause.text.split('\n')[0]!);
      for (const p of flattenBlocks(clause.blocks))
        this.paragraph(p.runs, { size: BODY, bold: true, align: 'left', before: 12, keep: true });
      this.space(2);
    } else if (clause.kind === 'operative') {
      this.blocks(clause.blocks, { number: clause.number ?? undefined, first: INDENT });
    } else {
      this.blocks(clause.blocks, { first: INDENT });
    }
  }

  annex(view: AnnexView): void {
    this.newPage();
    this.doc.outline.addItem(view.title ? `${view.label}: ${view.title}` : view.label);
    this.paragraph([plain(view.label, true)], { size: 12, align: 'center' });
    if (view.title) this.paragraph([plain(view.title, true)], { size: 12, align: 'center', before: 4 });
    this.space(12);
    for (const block of view.blocks) this.annexBlock(block);
  }

  private annexBlock(block: AnnexBlock): void {
    switch (block.type) {
      case 'paragraph':
        return this.paragraph(block.runs, { size: BODY, before: 6 });
      case 'subheading':
        return this.paragraph([plain(block.text, true)], { size: BODY, align: 'left', before: 12, keep: true });
      case 'code':
        return this.paragraph([plain(block.text)], { size: 9, align: 'left', before: 4 });
      case 'list':
        return block.items.forEach((item, i) =>
          this.paragraph([plain(item)], {
            size: BODY,
            align: 'left',
            first: INDENT,
            rest: INDENT * 1.5,
            before: i ? 0 : 4,
          }),
        );
      case 'text':
        return this.blocks(block.blocks, { first: INDENT });
      case 'table':
        return this.table(block.header, block.rows);
    }
  }

  /** A line of text that is known to fit (labels, page furniture). */
  private line(size: number, text: string, strong = false): Line {
    return this.setter(size).lines([plain(text, strong)], {}, RIGHT, RIGHT)[0]!;
  }

  /**
   * A two-column table: the first column wrapped, the second at the middle of the page. A row is never split
   * across pages, and the header row is repeated on each page the table continues on.
   */
  private table(header: string[], rows: string[][]): void {
    const setter = this.setter(BODY);
    const left = MARGIN.left + INDENT;
    const column = left + 260;
    const row = (cells: string[], strong: boolean): void => {
      const names = setter.lines([plain(cells[0] ?? '', strong)], {}, column - 12 - left, column - 12 - left);
      if (this.y + names.length * LEADING > BOTTOM) {
        this.newPage();
        if (!strong) row(header, true);
      }
      const baseline = this.y + BODY;
      names.forEach((name, i) => setter.draw(name, left, baseline + i * LEADING, column - left, false));
      setter.draw(this.line(BODY, cells.slice(1).join(' '), strong), column, baseline, RIGHT - column, false);
      this.y += names.length * LEADING;
      if (strong)
        this.doc
          .moveTo(left, this.y - 2)
          .lineTo(RIGHT, this.y - 2)
          .lineWidth(0.5)
          .stroke();
    };
    this.space(6);
    row(header, true);
    for (const cells of rows) row(cells, false);
  }

  /** Running header, page numbers and the watermark, drawn once the page count is known. */
  finishPages(): void {
    const { model, doc } = this;
    const range = doc.bufferedPageRange();
    const small = this.setter(9);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const number = `${i - range.start + 1}/${range.count}`;
      const pageNumber = this.line(9, number);
      small.draw(pageNumber, (PAGE.width - pageNumber.width) / 2, PAGE.height - 40, RIGHT, false);
      if (i > range.start) {
        const symbol = this.line(9, model.document.symbol, true);
        small.draw(symbol, RIGHT - symbol.width, 44, RIGHT, false);
        if (model.draft) small.draw(this.line(9, 'Draft', true), MARGIN.left, 44, RIGHT, false);
        doc.moveTo(MARGIN.left, 50).lineTo(RIGHT, 50).lineWidth(0.5).stroke();
      }
      if (model.draft) drawDraftWatermark(doc);
    }
  }
}

/** Renders the PDF. */
export function renderPdf(model: ExportModel): Promise<Buffer> {
  const pdf = new PdfComposer(model);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
  });
  pdf.masthead();
  for (const clause of [...model.preamble, ...model.operative]) pdf.clause(clause);
  pdf.space(12);
  pdf.paragraph([{ text: conclusionLine(model), em: true, strong: false }], {
    size: BODY,
    align: 'left',
    first: INDENT,
  });
  for (const view of annexViews(model)) pdf.annex(view);
  pdf.finishPages();
  pdf.doc.end();
  return done;
}
