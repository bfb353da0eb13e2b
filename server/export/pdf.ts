import PDFDocument from 'pdfkit';
import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import { flattenBlocks, type ExportBlock } from './content.js';
import type { ExportClause, ExportModel } from './model.js';
import { BODY, INDENT, MARGIN, PAGE, PdfLayout, plain, RIGHT, type ParagraphOptions } from './pdfLayout.js';
import type { Tag } from './pdfTags.js';
import { drawDraftWatermark } from './pdfWatermark.js';
import { directionOfLanguage } from './bidi.js';
import { exportWords, type ExportWords } from './exportWords.js';
import { conclusionLine, languageName, originalLine } from './wording.js';
import { escapeText } from './xml.js';

/**
 * The official-document PDF: A4, United Nations-style masthead, running header with the symbol, page numbers
 * "n/N", justified text in embedded DejaVu fonts (so Kazakh, Uzbek and Russian print on any reader), real
 * text throughout (searchable and extractable), a diagonal "DRAFT" on every page of an unadopted text.
 * Tagged for assistive technology (PDF/UA): the text's language, its title in the window, and a structure
 * tree in reading order (`pdfTags.ts`), with the page furniture as artifacts.
 */

export class PdfComposer extends PdfLayout {
  /** The list of operative paragraphs being written; a heading or the end of the operative part closes it. */
  private operativeList: Tag | null = null;
  /** The annexes' details are English; they say so where the text is in another language. */
  private readonly wording: { lang?: string };
  /** The words around the text (date, "Original", draft status, annex titles), in its language where known. */
  protected readonly words: ExportWords;
  /** The text's own direction: an Arabic version is set right to left. */
  private readonly rtl: boolean;

  constructor(readonly model: ExportModel) {
    super(
      new PDFDocument({
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
      }),
    );
    this.wording = /^en(-|$)/i.test(model.language) ? {} : { lang: 'en' };
    this.words = exportWords(model.language);
    this.rtl = directionOfLanguage(model.language) === 'rtl';
    escapeMetadata(this.doc);
  }

  /**
   * Clause content: paragraphs at `first`, subparagraphs hanging under their labels. Paragraphs are tagged
   * `P` in `parent`; subparagraphs are nested lists (`L` > `LI` > `Lbl` "(a)", `LBody`), an (i) list inside
   * the body of its (a). `numberTag` receives the number printed before the first paragraph.
   */
  blocks(
    blocks: readonly ExportBlock[],
    options: { parent: Tag; number?: string; numberTag?: Tag; first: number; lang?: string },
  ): void {
    const rtl = directionOfLanguage(options.lang ?? this.model.language) === 'rtl';
    const paragraphTag = (parent: Tag): Tag => this.tags.add(parent, 'P', options.lang ? { lang: options.lang } : {});
    /** lists[d]: the open list of depth d; bodies[d]: the body of its last item. */
    const lists: Tag[] = [];
    const bodies: Tag[] = [];
    flattenBlocks(blocks).forEach((p, index) => {
      if (p.label === null) {
        lists.length = bodies.length = 0;
        const numbered = index === 0 && options.number !== undefined;
        this.paragraph(p.runs, {
          size: BODY,
          tag: paragraphTag(options.parent),
          labelTag: numbered ? options.numberTag : undefined,
          rtl,
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
        tag: paragraphTag(body),
        labelTag,
        rtl,
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
      this.paragraph([plain(text, !!options.bold)], { size: 9, align: 'right', ...options, tag: this.own('P') });
    note(model.dateText);
    note(originalLine(model));
    if (model.draft)
      note(this.words.draftStatus(model.revision?.name ?? null), { bold: true, align: 'left', before: 4 });
    this.space(22);
    this.doc.outline.addItem(model.title);
    this.paragraph([plain(model.title, true)], {
      size: 13,
      align: 'left',
      tag: tags.add(tags.root, 'H1'),
      rtl: this.rtl,
    });
    this.space(10);
  }

  clause(clause: ExportClause): void {
    const { tags } = this;
    // A clause whose version is not written yet says so, and its original words are tagged as the original's.
    const lang = clause.untranslated ? this.model.originalLanguage : undefined;
    if (clause.untranslated) this.untranslated();
    if (clause.kind === 'heading' || clause.kind === 'title') {
      this.operativeList = null;
      this.doc.outline.addItem(clause.text.split('\n')[0]!);
      const tag = tags.add(tags.root, 'H2', lang ? { lang } : {});
      const rtl = directionOfLanguage(lang ?? this.model.language) === 'rtl';
      for (const p of flattenBlocks(clause.blocks))
        this.paragraph(p.runs, { size: BODY, bold: true, align: 'left', before: 12, keep: true, tag, rtl });
      this.space(2);
    } else if (clause.kind === 'operative') {
      // Operative paragraphs are one numbered list, its labels the paragraph numbers.
      const item = tags.add((this.operativeList ??= tags.add(tags.root, 'L')), 'LI');
      const numbered = clause.number !== null && flattenBlocks(clause.blocks)[0]?.label === null;
      const numberTag = numbered ? tags.add(item, 'Lbl') : undefined;
      const parent = tags.add(item, 'LBody');
      this.blocks(clause.blocks, { parent, number: clause.number ?? undefined, numberTag, first: INDENT, lang });
    } else {
      this.operativeList = null;
      this.blocks(clause.blocks, { parent: tags.root, first: INDENT, lang });
    }
  }

  /** The note before a clause printed in the original's words: "Not yet translated: …". */
  private untranslated(): void {
    const { model } = this;
    const text = this.words.untranslated(languageName(model.originalLanguage, model.language));
    this.paragraph([{ text, em: true, strong: false }], {
      size: 9,
      align: 'left',
      before: 6,
      keep: true,
      first: INDENT,
      tag: this.own('P'),
      rtl: this.rtl,
    });
  }

  /** The closing line: "Adopted on 17 October 2025." */
  conclusion(): void {
    this.operativeList = null;
    this.space(12);
    const runs = [{ text: conclusionLine(this.model), em: true, strong: false }];
    this.paragraph(runs, { size: BODY, align: 'left', first: INDENT, tag: this.own('P'), rtl: this.rtl });
  }

  annex(view: AnnexView): void {
    this.newPage();
    const section = this.tags.add(this.tags.root, 'Sect');
    const generated = !this.model.textAnnexes.some((clause) => clause.id === view.id);
    const heading = generated ? this.own('H2', section) : this.tags.add(section, 'H2');
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

  /** An element in the words around the text (`exportWords`), tagged with their language when it is not the text's. */
  private own(type: 'P' | 'H2', parent: Tag = this.tags.root): Tag {
    return this.tags.add(parent, type, this.words.lang === this.model.language ? {} : { lang: this.words.lang });
  }

  /** An element in Accord's own (English) wording, under `parent` (the document by default). */
  private english(type: 'P' | 'H2' | 'H3', parent: Tag = this.tags.root): Tag {
    return this.tags.add(parent, type, this.wording);
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
          if (model.draft) small.draw(this.line(9, this.words.draft, true), MARGIN.left, 44, RIGHT, false);
          this.rule(MARGIN.left, 50, 0.5);
        });
      if (model.draft) drawDraftWatermark(doc);
    }
  }
}

/**
 * PDFKit copies the document information (title, author, subject, keywords) into the XMP metadata without
 * escaping it, so a title "Rights & Duties" made the XML malformed, and readers that need the metadata (the
 * title PDF/UA asks for) could not read it. The information dictionary itself, written before, keeps the
 * words as they are; only the XMP copy is escaped. PDFKit 0.20's `_addInfo` writes that copy.
 */
export function escapeMetadata(doc: PDFKit.PDFDocument): void {
  const target = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = target._addInfo;
  target._addInfo = function (this: typeof target): void {
    const { info } = this;
    this.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeText(value) : value]),
    );
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

/** Renders the PDF (the parallel text is `pdfParallel.ts`). */
export function renderPdf(model: ExportModel): Promise<Buffer> {
  return composePdf(new PdfComposer(model));
}

/** Writes a declaration's pages with `pdf` (its `clause` draws each clause) and collects the file. */
export function composePdf(
  pdf: PdfComposer,
  clauses = [...pdf.model.preamble, ...pdf.model.operative],
): Promise<Buffer> {
  const { model } = pdf;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
  });
  pdf.masthead();
  for (const clause of clauses) pdf.clause(clause);
  pdf.conclusion();
  const drawn = new Set(clauses.map((c) => c.id));
  for (const view of annexViews(model)) if (!drawn.has(view.id)) pdf.annex(view);
  pdf.finishPages();
  pdf.doc.end();
  return done;
}
