import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { reproducible } from './docx.js';
import { documentStyles } from './docxStyles.js';
import type { Report, ReportTable } from './reportModel.js';
import { xmlSafe } from './xml.js';

/**
 * A report (`reportModel.ts`) as DOCX, in the declaration's Word styles (`docxStyles.ts`): the masthead, the
 * title, Heading 2 per section, Body Text paragraphs, and tables whose header row repeats on each page and
 * whose rows are not split. Landscape when the report asks for it (the compilation table).
 */

const runs = (text: string, bold = false): TextRun[] =>
  xmlSafe(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, bold: bold || undefined, break: i > 0 ? 1 : undefined }));

function table({ header, widths, rows }: ReportTable): Table {
  const row = (cells: string[], head: boolean): TableRow =>
    new TableRow({
      tableHeader: head,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: runs(text, head) })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

/** Renders a report as DOCX. */
export async function renderReportDocx(report: Report): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Masthead', alignment: AlignmentType.LEFT, children: runs(report.proponent) }),
    new Paragraph({ style: 'Symbol', children: runs(report.symbol) }),
    new Paragraph({ style: 'Masthead', children: runs(report.dateText) }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(report.title) }),
    ...report.subtitle.map(
      (line) => new Paragraph({ style: 'Body', alignment: AlignmentType.CENTER, children: runs(line) }),
    ),
  ];
  for (const section of report.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(section.heading) }));
    for (const text of section.paragraphs) body.push(new Paragraph({ style: 'Body', children: runs(text) }));
    if (section.table) body.push(table(section.table));
  }
  const page = footer();
  const doc = new Document({
    title: xmlSafe(report.title),
    subject: xmlSafe(report.symbol),
    creator: xmlSafe(report.proponent),
    lastModifiedBy: 'Accord',
    styles: documentStyles(report.language),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            // The size is given portrait; Word turns it for a landscape orientation.
            size: {
              width: 11906,
              height: 16838,
              orientation: report.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 708, footer: 708 },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(report.symbol, true) })],
          }),
        },
        footers: { first: page, default: page },
        children: body,
      },
    ],
  });
  return reproducible(await Packer.toBuffer(doc), report.generatedAt);
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}
