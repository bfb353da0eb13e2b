import type { ExportRun } from './content.js';
import { directionOf, directionSegments, mirror, visualOrder, type BaseDirection, type Direction } from './bidi.js';
import { face, fallbackFaces, type FaceKey } from './fonts.js';

/**
 * Paragraph setting for the PDF: PDFKit draws glyphs but its own line wrapper handles neither font fallback
 * nor right-to-left words nor justified rich text, so lines are composed here. Text is cut into pieces of one
 * face and one direction, pieces into words at spaces, words into justified lines, and each line is drawn in
 * visual order.
 */

/** Styling applied to a whole paragraph on top of each run's own marks (a heading is bold throughout). */
export interface RunStyle {
  italic?: boolean;
  bold?: boolean;
}

export interface Piece {
  text: string;
  /** Name of the font registered with the document. */
  font: string;
  width: number;
  direction: Direction;
  /**
   * No embedded font can draw the text (emoji: the dependencies carry no emoji font). It prints as the
   * fallback font's empty box and reaches the text layer through /ActualText.
   */
  missing: boolean;
}

export type LineItem = { type: 'piece'; piece: Piece } | { type: 'space' };

export interface Line {
  /** Logical order. */
  items: LineItem[];
  /** Width with plain spaces. */
  width: number;
  spaces: number;
}

const MARK = /\p{M}/u;

/**
 * Whether a character belongs to the one before it (a combining mark, a joiner, a variation selector, a skin
 * tone, a tag), so that an accented letter or an emoji sequence is never split across fonts.
 */
function isAttached(char: string, codePoint: number): boolean {
  const within = (from: number, to: number): boolean => codePoint >= from && codePoint <= to;
  return (
    MARK.test(char) ||
    within(0x200c, 0x200d) ||
    within(0xfe00, 0xfe0f) ||
    within(0x1f3fb, 0x1f3ff) ||
    within(0xe0020, 0xe007f) ||
    within(0xe0100, 0xe01ef)
  );
}

/** Spaces break lines; other white space (no-break space) stays inside the word. */
const SPACE = /[ \t\n\r]+/;

/** Most spacing justification may add between letters, in points. */
const MAX_LETTER_SPACING = 0.4;

/** Letters of a piece that justification may space: each glyph gets the spacing after it. */
function spaceableLetters(piece: Piece): number {
  return piece.direction === 'rtl' || piece.missing ? 0 : [...piece.text].length;
}

export class TextSetter {
  private readonly widths = new Map<string, number>();
  readonly spaceWidth: number;

  /** `arabic`: the text is Arabic, and its letters are set in Noto Naskh Arabic (`fallbackFaces`). */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    readonly size: number,
    private readonly arabic = false,
  ) {
    this.spaceWidth = this.measure('serif', ' ');
  }

  /** Width of text in a face at this size, cached: the same words recur across a declaration. */
  measure(font: string, text: string): number {
    const cacheKey = `${font}\u0000${text}`;
    let width = this.widths.get(cacheKey);
    if (width === undefined) {
      width = this.doc.font(font).fontSize(this.size).widthOfString(text);
      this.widths.set(cacheKey, width);
    }
    return width;
  }

  /** Breaks runs into lines: the first line `firstWidth` wide, the others `width` wide. */
  lines(runs: readonly ExportRun[], style: RunStyle, firstWidth: number, width: number): Line[] {
    const lines: Line[] = [];
    let line: Line = { items: [], width: 0, spaces: 0 };
    const available = (): number => (lines.length === 0 ? firstWidth : width);
    const finish = (): void => {
      lines.push(line);
      line = { items: [], width: 0, spaces: 0 };
    };
    for (const word of this.words(runs, style)) {
      const wordWidth = word.reduce((sum, p) => sum + p.width, 0);
      if (line.items.length && line.width + this.spaceWidth + wordWidth <= available()) {
        line.items.push({ type: 'space' });
        line.spaces++;
        line.width += this.spaceWidth;
      } else if (line.items.length) {
        finish();
      }
      if (line.items.length === 0 && wordWidth > available()) {
        // A word wider than the line (a long address) is cut where it must be; nothing is lost.
        for (const chunk of this.cut(word, available)) {
          if (line.items.length) finish();
          line.items.push(...chunk.map((piece) => ({ type: 'piece' as const, piece })));
          line.width = chunk.reduce((sum, p) => sum + p.width, 0);
        }
        continue;
      }
      line.items.push(...word.map((piece) => ({ type: 'piece' as const, piece })));
      line.width += wordWidth;
    }
    if (line.items.length || lines.length === 0) lines.push(line);
    return lines;
  }

  /**
   * How a justified line fills `width`: spaces widen first, up to 2.6 spaces in all (still under an em, the
   * gap at which text extractors split a line into columns), then letters spread by up to 0.4 points. Past
   * that the line stays ragged rather than gappy. Right-to-left and undrawable pieces are never letter-spaced
   * (spacing would break the joining of Arabic letters).
   */
  private justification(line: Line, width: number): { space: number; letter: number } {
    const extra = width - line.width;
    if (extra <= 0) return { space: 0, letter: 0 };
    const space = line.spaces ? Math.min(extra / line.spaces, this.spaceWidth * 1.6) : 0;
    const letters = line.items.reduce(
      (sum, item) => sum + (item.type === 'piece' ? spaceableLetters(item.piece) : 0),
      0,
    );
    const letter = letters ? (extra - space * line.spaces) / letters : Infinity;
    return letter <= MAX_LETTER_SPACING ? { space, letter } : { space: 0, letter: 0 };
  }

  /**
   * Draws a line with its baseline at `baseline`, justified to `width` or not, in visual order. Word spaces
   * are drawn as space characters (placed where the gap is, so they move nothing): assistive technology and
   * extractors reading the structure tree take words from the characters, not from the gaps between them.
   * `continues`: the paragraph goes on on the next line, so the line ends with a space too.
   */
  draw(
    line: Line,
    x: number,
    baseline: number,
    width: number,
    justify: boolean,
    continues = false,
    base: BaseDirection = 'ltr',
  ): void {
    const { space, letter } = justify ? this.justification(line, width) : { space: 0, letter: 0 };
    const ordered = visualOrder(line.items, (item) => (item.type === 'space' ? 'neutral' : item.piece.direction), base);
    let font = 'serif';
    let spaced = false;
    ordered.forEach(({ item, rtl }, index) => {
      if (item.type === 'space') {
        if (!spaced) this.drawSpace(font, x, baseline);
        spaced = false;
        x += this.spaceWidth + space;
        return;
      }
      const { piece } = item;
      const next = ordered[index + 1]?.item;
      const followed = next ? next.type === 'space' : continues;
      // A left-to-right piece carries the space after it; shaping would put it on the left of a right-to-left one.
      spaced = followed && !rtl && piece.direction !== 'rtl' && !piece.missing;
      const text = rtl && piece.direction === 'neutral' ? mirror(piece.text) : piece.text;
      const spacing = spaceableLetters(piece) ? letter : 0;
      if (piece.missing) this.doc.markContent('Span', { actual: piece.text });
      this.doc
        .font((font = piece.font))
        .fontSize(this.size)
        .text(spaced ? `${text} ` : text, x, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: spacing,
        });
      if (piece.missing) this.endSpan();
      x += piece.width + spacing * spaceableLetters(piece);
    });
    if (continues && !spaced) this.drawSpace(font, x, baseline);
  }

  private drawSpace(font: string, x: number, baseline: number): void {
    this.doc.font(font).fontSize(this.size).text(' ', x, baseline, { lineBreak: false, baseline: 'alphabetic' });
  }

  /**
   * Ends a marked-content span under the transformation PDFKit drew the glyphs with (it flips the page's
   * y axis for each text object): readers that place /ActualText with the state at the span's end, as
   * Poppler does, would otherwise put the text at the mirrored height of the page.
   */
  private endSpan(): void {
    this.doc.addContent(`q 1 0 0 -1 0 ${this.doc.page.height} cm`);
    this.doc.endMarkedContent();
    this.doc.addContent('Q');
  }

  /** Words (pieces between spaces) of a paragraph. Pieces of one word may differ in face or direction. */
  private words(runs: readonly ExportRun[], style: RunStyle): Piece[][] {
    const words: Piece[][] = [];
    let word: Piece[] = [];
    for (const run of runs) {
      const italic = run.em || !!style.italic;
      const bold = run.strong || !!style.bold;
      for (const part of run.text.split(/([ \t\n\r]+)/)) {
        if (part === '') continue;
        if (SPACE.test(part)) {
          if (word.length) words.push(word);
          word = [];
          continue;
        }
        for (const segment of directionSegments(part)) word.push(...this.pieces(segment, italic, bold));
      }
    }
    if (word.length) words.push(word);
    return words;
  }

  /** Cuts a stretch of one direction into pieces by the font that can draw each character. */
  private pieces(text: string, italic: boolean, bold: boolean): Piece[] {
    const variant = bold ? (italic ? '-bold-italic' : '-bold') : italic ? '-italic' : '';
    const faces = [face(`serif${variant}` as FaceKey), ...fallbackFaces(bold, variant, this.arabic).map(face)];
    // What no font draws (an emoji) prints as DejaVu Sans's empty box, as before other scripts had fonts.
    const box = face(`sans${variant}` as FaceKey);
    const direction = directionOf(text);
    const pieces: Piece[] = [];
    let current: { text: string; font: FaceKey; missing: boolean } | null = null;
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (current && isAttached(char, codePoint)) {
        current.text += char;
        continue;
      }
      const drawing = faces.find((f) => f.covers(codePoint));
      const font = (drawing ?? box).key;
      const missing = drawing === undefined;
      if (current && current.font === font && current.missing === missing) current.text += char;
      else {
        if (current) pieces.push(this.piece(current, direction));
        current = { text: char, font, missing };
      }
    }
    if (current) pieces.push(this.piece(current, direction));
    return pieces;
  }

  private piece(part: { text: string; font: FaceKey; missing: boolean }, direction: Direction): Piece {
    return { ...part, direction, width: this.measure(part.font, part.text) };
  }

  /** Splits an over-long word into chunks no wider than the line, at character boundaries. */
  private cut(word: Piece[], available: () => number): Piece[][] {
    const chunks: Piece[][] = [];
    let chunk: Piece[] = [];
    let used = 0;
    const limit = available();
    for (const piece of word) {
      let text = '';
      for (const char of piece.text) {
        const next = this.measure(piece.font, text + char);
        if (used + next > limit && (text !== '' || chunk.length)) {
          if (text) chunk.push({ ...piece, text, width: this.measure(piece.font, text) });
          chunks.push(chunk);
          chunk = [];
          used = 0;
          text = char;
        } else text += char;
      }
      if (text) {
        const width = this.measure(piece.font, text);
        chunk.push({ ...piece, text, width });
        used += width;
      }
    }
    if (chunk.length) chunks.push(chunk);
    return chunks;
  }
}
