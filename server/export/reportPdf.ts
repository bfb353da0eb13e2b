import PDFDocument from 'pdfkit';
import type { ExportRun } from './content.js';
import { FACE_KEYS, face } from './fonts.js';
import { escapeMetadata } from './pdf.js';
import { PdfTags, type Tag } from './pdfTags.js';
import { TextSetter, type Line } from './pdfText.js';
import type { Report, ReportTable } from './reportModel.js';

/**
 * A report (`reportModel.ts`) as a tagged PDF: A4, portrait or landscape, the United Nations masthead,
 * headings, paragraphs and tables whose rows are never split and whose header repeats on each page, the
 * symbol at the top and "n/N" at the foot of every page. The same fonts (embedded DejaVu), line setting
 * (`pdfText.ts`) and structure tree (`pdfTags.ts`) as the declaration's PDF.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const BODY = 10;
const SMALL = 9;
const leadingOf = (size: number): number => Math.round(size * 1.35);
const plain = (text: string, strong = false): ExportRun => ({ text, em: false, strong });

class ReportComposer {
  readonly doc: PDFKit.PDFDocument;
  readonly tags: PdfTags;
  private readonly setters = new Map<number, TextSetter>();
  private readonly page: { width: number; height: number };
  private y = MARGIN;

  constructor(private readonly report: Report) {
    this.page = report.landscape ? { width: A4.height, height: A4.width } : A4;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: report.landscape ? 'landscape' : 'portrait',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      pdfVersion: '1.7',
      subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
      tagged: true,
      lang: report.language,
      displayTitle: true,
      info: {
        Title: report.title,
        Subject: report.symbol,
        Author: report.proponent,
        Creator: 'Accord',
        CreationDate: new Date(report.generatedAt),
      },
    });
    escapeMetadata(this.doc);
    for (const key of FACE_KEYS) this.doc.registerFont(key, face(key).data);
    this.tags = new PdfTags(this.doc);
  }

  private get right(): number {
    return this.page.width - MARGIN;
  }

  private get bottom(): number {
    return this.page.height - MARGIN;
  }

  private setter(size: number): TextSetter {
    let setter = this.setters.get(size);
    if (!setter) this.setters.set(size, (setter = new TextSetter(this.doc, size)));
    return setter;
  }

  private lines(text: string, size: number, width: number, strong = false): Line[] {
    return text.split('\n').flatMap((part) => this.setter(size).lines([plain(part, strong)], {}, width, width));
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
  }

  /** A paragraph down the page, left-aligned (or centred), a heading kept with what follows. */
  paragraph(
    text: string,
    tag: Tag,
    options: { size?: number; strong?: boolean; before?: number; center?: boolean; keep?: boolean } = {},
  ): void {
    const size = options.size ?? BODY;
    const leading = leadingOf(size);
    const width = this.right - MARGIN;
    const lines = this.lines(text, size, width, options.strong);
    if (this.y > MARGIN) this.y += options.before ?? 6;
    if (this.y + Math.min(lines.length, 2) * leading + (options.keep ? 3 * leading : 0) > this.bottom) this.newPage();
    for (const line of lines) {
      if (this.y + leading > this.bottom) this.newPage();
      const x = options.center ? MARGIN + Math.max(0, (width - line.width) / 2) : MARGIN;
      this.tags.mark(tag, () => this.setter(size).draw(line, x, this.y + size, width, false));
      this.y += leading;
    }
  }

  masthead(): void {
    const { report, tags } = this;
    this.paragraph(report.proponent, tags.add(tags.root, 'P'), { size: SMALL });
    this.paragraph(report.symbol, tags.add(tags.root, 'P'), { strong: true, before: 2 });
    this.paragraph(report.dateText, tags.add(tags.root, 'P'), { size: SMALL, before: 2 });
    this.tags.artifact({ type: 'Layout' }, () => this.rule(this.y + 2, 1));
    this.y += 8;
    this.paragraph(report.title, tags.add(tags.root, 'H1'), { size: 14, strong: true, before: 12, center: true });
    for (const line of report.subtitle) this.paragraph(line, tags.add(tags.root, 'P'), { before: 2, center: true });
  }

  section(heading: string, paragraphs: string[], table: ReportTable | null | undefined): void {
    const sect = this.tags.add(this.tags.root, 'Sect');
    this.paragraph(heading, this.tags.add(sect, 'H2'), { size: 11, strong: true, before: 14, keep: true });
    for (const text of paragraphs) this.paragraph(text, this.tags.add(sect, 'P'));
    if (table) this.table(sect, table);
  }

  /**
   * A table with wrapped cells. A row that fits on a page is never split; one taller than a page (a long clause)
   * continues on the next, and the header row repeats (as an artifact) on every page the table goes on to.
   */
  private table(parent: Tag, table: ReportTable): void {
    const tableTag = this.tags.add(parent, 'Table');
    const width = this.right - MARGIN;
    const columns = table.widths.map((share, i) => ({
      x: MARGIN + (width * table.widths.slice(0, i).reduce((a, b) => a + b, 0)) / 100,
      width: (width * share) / 100 - 6,
    }));
    const leading = leadingOf(SMALL);
    const fits = (): number => Math.floor((this.bottom - this.y - 4) / leading);
    const row = (cells: string[], role: 'header' | 'repeat' | 'body'): void => {
      const strong = role !== 'body';
      const wrapped = cells.map((text, i) => this.lines(text, SMALL, columns[i]!.width, strong));
      const height = Math.max(1, ...wrapped.map((l) => l.length));
      const newPage = (): void => {
        this.newPage();
        if (role === 'body') row(table.header, 'repeat');
      };
      if (height > fits() && (height <= this.pageLines() || fits() < 2)) newPage();
      const tr = role === 'repeat' ? null : this.tags.add(tableTag, 'TR');
      const tags = wrapped.map(() =>
        tr ? this.tags.add(tr, role === 'header' ? 'TH' : 'TD', role === 'header' ? { scope: 'Column' } : {}) : null,
      );
      for (let first = 0; first < height;) {
        if (first > 0) newPage();
        const count = Math.min(height - first, fits());
        wrapped.forEach((lines, i) => {
          const draw = (): void =>
            lines
              .slice(first, first + count)
              .forEach((line, n) =>
                this.setter(SMALL).draw(
                  line,
                  columns[i]!.x,
                  this.y + 2 + SMALL + n * leading,
                  columns[i]!.width,
                  false,
                ),
              );
          const tag = tags[i];
          if (tag) this.tags.mark(tag, draw);
          else this.tags.artifact({ type: 'Pagination' }, draw);
        });
        this.y += count * leading + 4;
        first += count;
      }
      this.tags.artifact({ type: 'Layout' }, () => this.rule(this.y, strong ? 0.8 : 0.3));
    };
    this.y += 6;
    this.tags.artifact({ type: 'Layout' }, () => this.rule(this.y, 0.8));
    row(table.header, 'header');
    for (const cells of table.rows) row(cells, 'body');
  }

  /** Lines of table text a page holds below a repeated header row. */
  private pageLines(): number {
    return Math.floor((this.bottom - MARGIN - 4) / leadingOf(SMALL)) - 3;
  }

  private rule(y: number, lineWidth: number): void {
    this.doc.moveTo(MARGIN, y).lineTo(this.right, y).lineWidth(lineWidth).stroke();
  }

  /** The symbol at the top of every page but the first, "n/N" at the foot of each, as artifacts. */
  finishPages(): void {
    const range = this.doc.bufferedPageRange();
    const small = this.setter(SMALL);
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const number = this.lines(`${i - range.start + 1}/${range.count}`, SMALL, this.right)[0]!;
      this.tags.artifact({ type: 'Pagination', attached: 'Bottom' }, () =>
        small.draw(number, (this.page.width - number.width) / 2, this.page.height - 30, this.right, false),
      );
      if (i > range.start) {
        const symbol = this.lines(this.report.symbol, SMALL, this.right, true)[0]!;
        this.tags.artifact({ type: 'Pagination', attached: 'Top' }, () =>
          small.draw(symbol, this.right - symbol.width, 36, this.right, false),
        );
      }
    }
  }
}

/** Renders a report as PDF. */
export function renderReportPdf(report: Report): Promise<Buffer> {
  const pdf = new ReportComposer(report);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
  });
  pdf.masthead();
  for (const section of report.sections) pdf.section(section.heading, section.paragraphs, section.table);
  pdf.finishPages();
  pdf.doc.end();
  return done;
}
