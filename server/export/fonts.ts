import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts embedded in exported PDFs, taken from the `dejavu-fonts-ttf` dependency (never from the machine,
 * so every server produces the same file). DejaVu Serif covers Latin, Greek and Cyrillic including the
 * Kazakh (ә ғ қ ң ө ұ ү һ і) and Uzbek (ў қ ғ ҳ, oʻ gʻ) letters; DejaVu Sans, of the same design, is the
 * fallback for Hebrew, which the serif lacks. Arabic is set in Noto Naskh Arabic (`@embedpdf/fonts-arabic`),
 * whose shaping tables join the letters as Arabic is written, and Chinese in Noto Sans SC (`@embedpdf/fonts-sc`,
 * its GB 2312 characters and more): a Chinese or Arabic version of the text prints in fonts made for it. PDFKit
 * embeds only the glyphs a file uses, so a Chinese text adds tens of kilobytes to the PDF, not the 8 MB font.
 */

export const FACE_KEYS = [
  'serif',
  'serif-italic',
  'serif-bold',
  'serif-bold-italic',
  'sans',
  'sans-italic',
  'sans-bold',
  'sans-bold-italic',
  'naskh',
  'naskh-bold',
  'hans',
  'hans-bold',
] as const;
export type FaceKey = (typeof FACE_KEYS)[number];

const FILES: Record<FaceKey, string> = {
  serif: 'DejaVuSerif.ttf',
  'serif-italic': 'DejaVuSerif-Italic.ttf',
  'serif-bold': 'DejaVuSerif-Bold.ttf',
  'serif-bold-italic': 'DejaVuSerif-BoldItalic.ttf',
  sans: 'DejaVuSans.ttf',
  'sans-italic': 'DejaVuSans-Oblique.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  'sans-bold-italic': 'DejaVuSans-BoldOblique.ttf',
  naskh: 'NotoNaskhArabic-Regular.ttf',
  'naskh-bold': 'NotoNaskhArabic-Bold.ttf',
  hans: 'NotoSansHans-Regular.otf',
  'hans-bold': 'NotoSansHans-Bold.otf',
};

/** The package each face comes from (its files under `fonts/`), DejaVu's under `ttf/`. */
const PACKAGES: Partial<Record<FaceKey, string>> = {
  naskh: '@embedpdf/fonts-arabic',
  'naskh-bold': '@embedpdf/fonts-arabic',
  hans: '@embedpdf/fonts-sc',
  'hans-bold': '@embedpdf/fonts-sc',
};

/**
 * The fonts, in the order they are tried for a character, after the serif face of the text's style. Arabic
 * is set in Noto Naskh where the text is Arabic (`arabic`); an Arabic word quoted in another text keeps
 * DejaVu Sans, of the same design as the serif around it and of the same line height, so extractors keep
 * the quoting line whole.
 */
export function fallbackFaces(bold: boolean, variant: string, arabic = false): FaceKey[] {
  const sans = `sans${variant}` as FaceKey;
  const naskh: FaceKey = bold ? 'naskh-bold' : 'naskh';
  return arabic ? [naskh, bold ? 'hans-bold' : 'hans', sans] : [sans, bold ? 'hans-bold' : 'hans'];
}

export interface Face {
  key: FaceKey;
  /** The TrueType file, handed to PDFKit which embeds the subset it uses. */
  data: Buffer;
  /** True when the font maps the code point to a real glyph. */
  covers(codePoint: number): boolean;
}

let fontDirectory: string | undefined;

/** Directory of the DejaVu TTF files, resolved through Node's module resolution at run time. */
export function dejaVuDirectory(): string {
  fontDirectory ??= join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return fontDirectory;
}

const packageDirectories = new Map<string, string>();

/** Where a face's file is: in its package, found through Node's module resolution like DejaVu's. */
function fontFile(key: FaceKey): string {
  const name = PACKAGES[key];
  if (!name) return join(dejaVuDirectory(), FILES[key]);
  let directory = packageDirectories.get(name);
  if (!directory) {
    // The package exports only its entry (`dist/index.cjs`, which lists the files); the fonts sit beside `dist/`.
    directory = join(dirname(createRequire(import.meta.url).resolve(name)), '..', 'fonts');
    packageDirectories.set(name, directory);
  }
  return join(directory, FILES[key]);
}

const faces = new Map<FaceKey, Face>();

/** A face, read and indexed once per process: exports run on every request and must not reread fonts. */
export function face(key: FaceKey): Face {
  let found = faces.get(key);
  if (!found) {
    const data = readFileSync(fontFile(key));
    const mapped = cmapCodePoints(data);
    found = { key, data, covers: (codePoint) => mapped.has(codePoint) };
    faces.set(key, found);
  }
  return found;
}

/**
 * Code points a TrueType font maps to a glyph other than .notdef, read from its `cmap` table (Unicode
 * subtables, formats 4 and 12). Reading the table directly keeps coverage checks independent of PDFKit's
 * internals.
 */
export function cmapCodePoints(font: Buffer): Set<number> {
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new RangeError('Font has no cmap table');
  const subtables: { format: number; offset: number }[] = [];
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) {
      subtables.push({ format: font.readUInt16BE(offset), offset });
    }
  }
  const points = new Set<number>();
  for (const { format, offset } of subtables) {
    if (format === 4) readFormat4(font, offset, points);
    else if (format === 12) readFormat12(font, offset, points);
  }
  return points;
}

function readFormat4(font: Buffer, offset: number, points: Set<number>): void {
  const segments = font.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = font.readUInt16BE(starts + s * 2);
    const end = font.readUInt16BE(ends + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
}

function readFormat12(font: Buffer, offset: number, points: Set<number>): void {
  const groups = font.readUInt32BE(offset + 12);
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + g * 12;
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    const firstGlyph = font.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) points.add(c);
  }
}
