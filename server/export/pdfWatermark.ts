/**
 * The "DRAFT" watermark of the PDF, drawn as strokes rather than text. Rotated text in the text layer would
 * be read by extractors and screen readers in the middle of the paragraphs it crosses ("Recalling … T …");
 * as graphics it marks every page and leaves the text layer to the text. The draft status itself is stated
 * in text in the masthead and the running header.
 */

/** Monoline capitals on a 100-unit cap height (y downwards), with their advance widths. */
const LETTERS: { path: string; advance: number }[] = [
  { path: 'M 0 0 L 0 100 L 28 100 C 80 100 80 0 28 0 Z', advance: 68 }, // D
  { path: 'M 0 100 L 0 0 L 34 0 C 72 0 72 52 34 52 L 0 52 M 30 52 L 62 100', advance: 62 }, // R
  { path: 'M 0 100 L 34 0 L 68 100 M 13 62 L 55 62', advance: 68 }, // A
  { path: 'M 56 0 L 0 0 L 0 100 M 0 48 L 46 48', advance: 56 }, // F
  { path: 'M 0 0 L 68 0 M 34 0 L 34 100', advance: 68 }, // T
];
const GAP = 30;

/** Draws the watermark across the middle of the current page, at 45 degrees. */
export function drawDraftWatermark(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  const total = LETTERS.reduce((sum, l) => sum + l.advance, 0) + GAP * (LETTERS.length - 1);
  const scale = (Math.hypot(width, height) * 0.55) / total;
  doc.save();
  doc.markContent('Artifact', { type: 'Pagination' });
  doc.rotate(-45, { origin: [width / 2, height / 2] });
  doc.translate(width / 2 - (total * scale) / 2, height / 2 - 50 * scale);
  doc.scale(scale);
  doc.lineWidth(15).lineCap('round').lineJoin('round').strokeColor('#000000', 0.09);
  let x = 0;
  for (const letter of LETTERS) {
    doc.save();
    doc.translate(x, 0);
    doc.path(letter.path).stroke();
    doc.restore();
    x += letter.advance + GAP;
  }
  doc.endMarkedContent();
  doc.restore();
}
