import type { ExportRun } from './content.js';
import { FACE_KEYS, face } from './fonts.js';
import { TextSetter, type Line, type RunStyle } from './pdfText.js';
import { PdfTags, type Tag } from './pdfTags.js';

/**
 * The PDF's page layout: A4 with 1-inch margins, paragraphs set down the page from a moving position with
 * page breaks (no widowed line, headings kept with what follows), labels hung before a paragraph, a
 * two-column table, rules. Every line drawn is marked as content of a structure element (`pdfTags.ts`).
 * What a declaration puts on the pages, and in what order, is `pdf.ts`.
 */

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
export const RIGHT = PAGE.width - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;
/** First-line indent and list step of United Nations documents: half an inch. */
export const INDENT = 36;
export const BODY = 10.5;
export const LEADING = 14;

export const plain = (text: string, strong = false): ExportRun => ({ text, em: false, strong });

export interface ParagraphOptions extends RunStyle {
  size: number;
  /** The structure element the paragraph's lines belong to. */
  tag: Tag;
  /** The element its label belongs to (a list item's `Lbl`); by default the paragraph's own. */
  labelTag?: Tag;
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
  /**
   * Written right to left (an Arabic version): every line is placed as its left-to-right layout mirrored
   * between the margins, so indents, labels and alignment start from the right.
   */
  rtl?: boolean;
}

export class PdfLayout {
  readonly tags: PdfTags;
  private readonly setters = new Map<number, TextSetter>();
  /** Where the next paragraph starts, from the top of the page. */
  protected y = MARGIN.top;

  constructor(readonly doc: PDFKit.PDFDocument) {
    for (const key of FACE_KEYS) this.doc.registerFont(key, face(key).data);
    this.tags = new PdfTags(doc);
  }

  /** The setter of text at `size`; `arabic`: for Arabic text (see `fallbackFaces`). */
  protected setter(size: number, arabic = false): TextSetter {
    const key = arabic ? -size : size;
    let setter = this.setters.get(key);
    if (!setter) this.setters.set(key, (setter = new TextSetter(this.doc, size, arabic)));
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
    const setter = this.setter(size, !!options.rtl);
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
      const base = options.rtl ? 'rtl' : 'ltr';
      const place = (start: number, drawn: number): number =>
        options.rtl ? MARGIN.left + RIGHT - start - drawn : start;
      if (index === 0 && options.label) {
        const label = this.line(size, options.label, !!options.bold);
        const labelX = place(MARGIN.left + (options.labelEnd ?? 0) - label.width, label.width);
        this.tags.mark(options.labelTag ?? options.tag, () =>
          setter.draw(label, labelX, baseline, width, false, false, base),
        );
      }
      const align = options.align ?? 'justify';
      const offset = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
      const continues = index < lines.length - 1;
      const justify = align === 'justify' && continues;
      const start = place(x + Math.max(0, offset), justify ? width : line.width);
      this.tags.mark(options.tag, () => setter.draw(line, start, baseline, width, justify, continues, base));
      this.y += leading;
    });
  }

  /** A line of text that is known to fit (labels, page furniture). */
  protected line(size: number, text: string, strong = false): Line {
    return this.setter(size).lines([plain(text, strong)], {}, RIGHT, RIGHT)[0]!;
  }

  protected rule(from: number, y: number, width: number): void {
    this.doc.moveTo(from, y).lineTo(RIGHT, y).lineWidth(width).stroke();
  }

  /**
   * A two-column table: the first column wrapped, the second at the middle of the page. A row is never split
   * across pages, and the header row is repeated on each page the table continues on (as an artifact: the
   * structure has it once, as the header of its columns).
   */
  protected table(parent: Tag, header: string[], rows: string[][]): void {
    const setter = this.setter(BODY);
    const table = this.tags.add(parent, 'Table');
    const left = MARGIN.left + INDENT;
    const column = left + 260;
    const row = (cells: string[], role: 'header' | 'repeat' | 'body'): void => {
      const strong = role !== 'body';
      const names = setter.lines([plain(cells[0] ?? '', strong)], {}, column - 12 - left, column - 12 - left);
      if (this.y + names.length * LEADING > BOTTOM) {
        this.newPage();
        if (role === 'body') row(header, 'repeat');
      }
      const tr = role === 'repeat' ? null : this.tags.add(table, 'TR');
      const cell = (draw: () => void): void => {
        if (!tr) return this.tags.artifact({ type: 'Pagination' }, draw);
        const options = role === 'header' ? { scope: 'Column' as const } : {};
        this.tags.mark(this.tags.add(tr, role === 'header' ? 'TH' : 'TD', options), draw);
      };
      const baseline = this.y + BODY;
      cell(() =>
        names.forEach((name, i) =>
          setter.draw(name, left, baseline + i * LEADING, column - left, false, i < names.length - 1),
        ),
      );
      const second = this.line(BODY, cells.slice(1).join(' '), strong);
      cell(() => setter.draw(second, column, baseline, RIGHT - column, false));
      this.y += names.length * LEADING;
      const ruleY = this.y - 2;
      if (strong) this.tags.artifact({ type: 'Layout' }, () => this.rule(left, ruleY, 0.5));
    };
    this.space(6);
    row(header, 'header');
    for (const cells of rows) row(cells, 'body');
  }
}
