import PDFDocument from 'pdfkit';
import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import { flattenBlocks, type ExportBlock, type ExportRun } from './content.js';
import { FACE_KEYS, face } from './fonts.js';
import type { ExportClause, ExportModel } from './model.js';
import { TextSetter, type Line, type RunStyle } from './pdfText.js';
import { PdfTags, type Tag } from './pdfTags.js';
import { drawDraftWatermark } from './pdfWatermark.js';
import { conclusionLine, languageName } from './wording.js';

/**
 * The official-document PDF: A4, United Nations-style masthead, running header with the symbol, page numbers
 * "n/N", justified text in embedded DejaVu fonts (so Kazakh, Uzbek and Russian print on any reader), real
 * text throughout (searchable and extractable), a diagonal "DRAFT" on every page of an unadopted text.
 * Tagged for assistive technology (PDF/UA): the text's language, its title in the window, and a structure
 * tree in reading order (`pdfTags.ts`), with the page furniture as artifacts.
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
}

class PdfComposer {
  readonly doc: PDFKit.PDFDocument;
  readonly tags: PdfTags;
  private readonly setters = new Map<number, TextSetter>();
  private y = MARGIN.top;
  /** The list of operative paragraphs being written; a heading or the end of the operative part closes it. */
  private operativeList: Tag | null = null;
  /** Accord's own wording is English; it says so where the text is in another language. */
  private readonly wording: { lang?: string };

  constructor(readonly model: ExportModel) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      pdfVersion: '1.7',
      // PDFKit's types know only the PDF/A subsets; 'PDF/UA' adds the PDF/UA identification to the XMP.
      subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
      tagged: true,
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
    this.tags = new PdfTags(this.doc);
    this.wording = /^en(-|$)/i.test(model.language) ? {} : { lang: 'en' };
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
        const labelX = MARGIN.left + (options.labelEnd ?? 0) - label.width;
        this.tags.mark(options.labelTag ?? options.tag, () => setter.draw(label, labelX, baseline, width, false));
      }
      const align = options.align ?? 'justify';
      const offset = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
      const continues = index < lines.length - 1;
      const justify = align === 'justify' && continues;
      this.tags.mark(options.tag, () =>
        setter.draw(line, x + Math.max(0, offset), baseline, width, justify, continues),
      );
      this.y += leading;
    });
  }

  /**
   * Clause content: paragraphs at `first`, subparagraphs hanging under their labels. Paragraphs are tagged
   * `P` in `parent`; subparagraphs are nested lists (`L` > `LI` > `Lbl` "(a)", `LBody`), an (i) list inside
   * the body of its (a). `numberTag` receives the number printed before the first paragraph.
   */
  blocks(
    blocks: readonly ExportBlock[],
    options: { parent: Tag; number?: string; numberTag?: Tag; first: number },
  ): void {
    /** lists[d]: the open list of depth d; bodies[d]: the body of its last item. */
    const lists: Tag[] = [];
    const bodies: Tag[] = [];
    flattenBlocks(blocks).forEach((p, index) => {
      if (p.label === null) {
        lists.length = bodies.length = 0;
        const numbered = index === 0 && options.number !== undefined;
        this.paragraph(p.runs, {
          size: BODY,
          tag: this.tags.add(options.parent, 'P'),
          labelTag: numbered ? options.numberTag : undefined,
          first: numbered ? INDENT + 18 : options.first,
          label: numbered ? `${options.number}.` : undefined,
          labelEnd: INDENT + 12,
          before: index === 0 ? 6 : 3,
        });
        return;
      }
      lists.length = Math.min(lists.length, p.depth + 1);
      bodies.length = Math.min(bodies.length, p.depth);
      const list = (lists[p.depth] ??= this.tags.add(bodies[p.depth - 1] ?? options.parent, 'L'));
      const item = this.tags.add(list, 'LI');
      const labelTag = this.tags.add(item, 'Lbl');
      const body = (bodies[p.depth] = this.tags.add(item, 'LBody'));
      const at = INDENT * (p.depth + 1);
      this.paragraph(p.runs, {
        size: BODY,
        tag: this.tags.add(body, 'P'),
        labelTag,
        label: `(${p.label})`,
        labelEnd: at + 18,
        first: at + 24,
        rest: at + 24,
        before: 3,
      });
    });
  }

  masthead(): void {
    const { model, tags } = this;
    const top = MARGIN.top - 24;
    // The proponent reads first; it is drawn after the symbol, whose width it must leave free.
    const proponent = tags.add(tags.root, 'P');
    this.y = top;
    this.paragraph([plain(model.document.symbol, true)], { size: 14, align: 'right', tag: tags.add(tags.root, 'P') });
    const symbolWidth = this.line(14, model.document.symbol, true).width;
    this.y = top;
    const right = symbolWidth + 18;
    this.paragraph([plain(model.proponent ?? 'Accord')], { size: 9, align: 'left', right, tag: proponent });
    this.y = Math.max(this.y, top + 22);
    const ruleY = this.y;
    tags.artifact({ type: 'Layout' }, () => this.rule(MARGIN.left, ruleY, 1.5));
    this.space(8);
    const note = (text: string, options: Partial<ParagraphOptions> = {}): void =>
      this.paragraph([plain(text, !!options.bold)], { size: 9, align: 'right', ...options, tag: this.english('P') });
    note(model.dateText);
    note(`Original: ${languageName(model.language)}`);
    if (model.draft) {
      const status = model.revision
        ? `Draft \u2014 ${model.revision.name} \u2014 not adopted`
        : 'Draft \u2014 not adopted';
      note(status, { bold: true, align: 'left', before: 4 });
    }
    this.space(22);
    this.doc.outline.addItem(model.title);
    this.paragraph([plain(model.title, true)], { size: 13, align: 'left', tag: tags.add(tags.root, 'H1') });
    this.space(10);
  }

  clause(clause: ExportClause): void {
    const { tags } = this;
    if (clause.kind === 'heading' || clause.kind === 'title') {
      this.operativeList = null;
      this.doc.outline.addItem(clause.text.split('\n')[0]!);
      const tag = tags.add(tags.root, 'H2');
      for (const p of flattenBlocks(clause.blocks))
        this.paragraph(p.runs, { size: BODY, bold: true, align: 'left', before: 12, keep: true, tag });
      this.space(2);
    } else if (clause.kind === 'operative') {
      // Operative paragraphs are one numbered list, its labels the paragraph numbers.
      const item = tags.add((this.operativeList ??= tags.add(tags.root, 'L')), 'LI');
      const numbered = clause.number !== null && flattenBlocks(clause.blocks)[0]?.label === null;
      const numberTag = numbered ? tags.add(item, 'Lbl') : undefined;
      const parent = tags.add(item, 'LBody');
      this.blocks(clause.blocks, { parent, number: clause.number ?? undefined, numberTag, first: INDENT });
    } else {
      this.operativeList = null;
      this.blocks(clause.blocks, { parent: tags.root, first: INDENT });
    }
  }

  /** The closing line: "Adopted on 17 October 2025." */
  conclusion(): void {
    this.operativeList = null;
    this.space(12);
    const runs = [{ text: conclusionLine(this.model), em: true, strong: false }];
    this.paragraph(runs, { size: BODY, align: 'left', first: INDENT, tag: this.english('P') });
  }

  annex(view: AnnexView): void {
    this.newPage();
    const section = this.tags.add(this.tags.root, 'Sect');
    const generated = !this.model.textAnnexes.some((clause) => clause.id === view.id);
    const heading = generated ? this.english('H2', section) : this.tags.add(section, 'H2');
    this.doc.outline.addItem(view.title ? `${view.label}: ${view.title}` : view.label);
    this.paragraph([plain(view.label, true)], { size: 12, align: 'center', tag: heading });
    if (view.title) this.paragraph([plain(view.title, true)], { size: 12, align: 'center', before: 4, tag: heading });
    this.space(12);
    for (const block of view.blocks) this.annexBlock(block, section);
  }

  private annexBlock(block: AnnexBlock, section: Tag): void {
    const tag = (): Tag => this.tags.add(section, 'P');
    switch (block.type) {
      case 'paragraph':
        return this.paragraph(block.runs, { size: BODY, before: 6, tag: tag() });
      case 'subheading': {
        const heading = this.english('H3', section);
        return this.paragraph([plain(block.text, true)], {
          size: BODY,
          align: 'left',
          before: 12,
          keep: true,
          tag: heading,
        });
      }
      case 'code':
        return this.paragraph([plain(block.text)], { size: 9, align: 'left', before: 4, tag: tag() });
      case 'list': {
        const list = this.tags.add(section, 'L');
        return block.items.forEach((item, i) =>
          this.paragraph([plain(item)], {
            size: BODY,
            align: 'left',
            first: INDENT,
            rest: INDENT * 1.5,
            before: i ? 0 : 4,
            tag: this.tags.add(this.tags.add(list, 'LI'), 'LBody'),
          }),
        );
      }
      case 'text':
        return this.blocks(block.blocks, { parent: section, first: INDENT });
      case 'table':
        return this.table(section, block.header, block.rows);
    }
  }

  /** An element in Accord's own (English) wording, under `parent` (the document by default). */
  private english(type: 'P' | 'H2' | 'H3', parent: Tag = this.tags.root): Tag {
    return this.tags.add(parent, type, this.wording);
  }

  /** A line of text that is known to fit (labels, page furniture). */
  private line(size: number, text: string, strong = false): Line {
    return this.setter(size).lines([plain(text, strong)], {}, RIGHT, RIGHT)[0]!;
  }

  private rule(from: number, y: number, width: number): void {
    this.doc.moveTo(from, y).lineTo(RIGHT, y).lineWidth(width).stroke();
  }

  /**
   * A two-column table: the first column wrapped, the second at the middle of the page. A row is never split
   * across pages, and the header row is repeated on each page the table continues on (as an artifact: the
   * structure has it once, as the header of its columns).
   */
  private table(parent: Tag, header: string[], rows: string[][]): void {
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

  /** Running header, page numbers and the watermark, drawn once the page count is known, as artifacts. */
  finishPages(): void {
    const { model, doc, tags } = this;
    const range = doc.bufferedPageRange();
    const small = this.setter(9);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const pageNumber = this.line(9, `${i - range.start + 1}/${range.count}`);
      tags.artifact({ type: 'Pagination', attached: 'Bottom' }, () =>
        small.draw(pageNumber, (PAGE.width - pageNumber.width) / 2, PAGE.height - 40, RIGHT, false),
      );
      if (i > range.start)
        tags.artifact({ type: 'Pagination', attached: 'Top' }, () => {
          const symbol = this.line(9, model.document.symbol, true);
          small.draw(symbol, RIGHT - symbol.width, 44, RIGHT, false);
          if (model.draft) small.draw(this.line(9, 'Draft', true), MARGIN.left, 44, RIGHT, false);
          this.rule(MARGIN.left, 50, 0.5);
        });
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
  pdf.conclusion();
  for (const view of annexViews(model)) pdf.annex(view);
  pdf.finishPages();
  pdf.doc.end();
  return done;
}
