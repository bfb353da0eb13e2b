import { directionOfLanguage } from './bidi.js';
import { flattenBlocks } from './content.js';
import type { ExportClause, ExportModel } from './model.js';
import { composePdf, PdfComposer } from './pdf.js';
import { BODY, BOTTOM, LEADING, MARGIN, RIGHT } from './pdfLayout.js';
import type { Tag } from './pdfTags.js';
import type { Line } from './pdfText.js';
import { exportWords } from './exportWords.js';
import { languageName } from './wording.js';

/**
 * The parallel-text PDF (`format=pdf&lang=ru&parallel=en`): the text in two columns, its language on the
 * left and the second language on the right, one row per clause so each clause faces its version however
 * long either is. The masthead, closing line and generated annexes are the first language's, as in its own
 * PDF. Each row is a table row in the structure tree (`Table` > `TR` > `TD`, each cell tagged with its
 * language), so a reader takes the columns one after the other; an Arabic column is set right to left.
 */

/** The space between the two columns, in points. */
const GUTTER = 18;
const COLUMN = (RIGHT - MARGIN.left - GUTTER) / 2;
/** Where a subparagraph's text starts in its column, per level, and the gap after a number. */
const STEP = 18;

/** One line of a cell, laid out for its column. */
interface CellLine {
  line: Line;
  /** Indent from the column's start. */
  indent: number;
  /** "1." or "(a)", ending `STEP` before the text. */
  label?: Line;
  justify: boolean;
  continues: boolean;
}

class ParallelComposer extends PdfComposer {
  private rows: Tag | null = null;

  /** One row: the clause in the text's language, and in the second column its version. */
  override clause(clause: ExportClause): void {
    const { model } = this;
    const other = model.parallel!.clauses.find((c) => c.id === clause.id);
    const cells = [
      { clause, language: model.language, x: MARGIN.left },
      { clause: other, language: model.parallel!.language, x: MARGIN.left + COLUMN + GUTTER },
    ].map((cell) => ({ ...cell, lines: cell.clause ? this.cellLines(cell.clause, cell.language) : [] }));
    const row = this.tags.add((this.rows ??= this.tags.add(this.tags.root, 'Table')), 'TR');
    const tags = cells.map((cell) => this.tags.add(row, 'TD', { lang: cell.language }));
    this.space(8);
    if (this.y + 2 * LEADING > BOTTOM) this.newPage();
    const count = Math.max(...cells.map((c) => c.lines.length));
    for (let i = 0; i < count; i++) {
      if (this.y + LEADING > BOTTOM) this.newPage();
      const baseline = this.y + BODY;
      cells.forEach((cell, side) => {
        const item = cell.lines[i];
        if (!item) return;
        const rtl = directionOfLanguage(cell.language) === 'rtl';
        const base = rtl ? 'rtl' : 'ltr';
        const setter = this.setter(BODY, rtl);
        // A right-to-left column is its left-to-right layout mirrored within the column.
        const place = (start: number, drawn: number): number => (rtl ? 2 * cell.x + COLUMN - start - drawn : start);
        const width = COLUMN - item.indent;
        this.tags.mark(tags[side]!, () => {
          if (item.label) {
            const x = place(cell.x + item.indent - 6 - item.label.width, item.label.width);
            setter.draw(item.label, x, baseline, width, false, false, base);
          }
          const x = place(cell.x + item.indent, item.justify ? width : item.line.width);
          setter.draw(item.line, x, baseline, width, item.justify, item.continues, base);
        });
      });
      this.y += LEADING;
    }
  }

  /** The masthead, then the title in both languages, facing each other. */
  override masthead(): void {
    super.masthead();
    const title = this.model.clauses.find((c) => c.kind === 'title');
    if (title) this.clause(title);
  }

  override conclusion(): void {
    this.rows = null;
    super.conclusion();
  }

  /** A clause's lines in a column: headings bold, numbers and labels hung before the text. */
  private cellLines(clause: ExportClause, language: string): CellLine[] {
    const setter = this.setter(BODY, directionOfLanguage(language) === 'rtl');
    const lines: CellLine[] = [];
    const heading = clause.kind === 'heading' || clause.kind === 'title';
    const add = (runs: Parameters<typeof setter.lines>[0], indent: number, label?: string, italic = false): void => {
      const set = setter.lines(runs, { bold: heading, italic }, COLUMN - indent, COLUMN - indent);
      set.forEach((line, index) =>
        lines.push({
          line,
          indent,
          label: index === 0 && label ? this.line(BODY, label, heading) : undefined,
          justify: !heading && index < set.length - 1,
          continues: index < set.length - 1,
        }),
      );
    };
    if (clause.untranslated) {
      const words = exportWords(language);
      const note = words.untranslated(languageName(this.model.originalLanguage, language));
      add([{ text: note, em: true, strong: false }], 0, undefined, true);
    }
    const numbered = clause.kind === 'operative' || clause.kind === 'annex';
    flattenBlocks(clause.blocks).forEach((p, index) => {
      if (p.label !== null) return add(p.runs, STEP * (p.depth + 2), `(${p.label})`);
      const label = index === 0 && numbered && clause.number ? `${clause.number}.` : undefined;
      add(p.runs, numbered ? STEP : 0, clause.kind === 'operative' ? label : undefined);
    });
    // A text annex is headed by its number, in each column's language.
    if (clause.kind === 'annex' && clause.number)
      lines.unshift({ line: this.line(BODY, clause.number, true), indent: 0, justify: false, continues: false });
    return lines;
  }
}

/** Renders the parallel text: every clause, the text's own annexes included, in two aligned columns. */
export function renderParallelPdf(model: ExportModel): Promise<Buffer> {
  return composePdf(new ParallelComposer(model), [...model.preamble, ...model.operative, ...model.textAnnexes]);
}
