import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { face, FACE_KEYS } from './fonts.js';

/**
 * What the export tests check output with: Poppler's pdftotext/pdfinfo/pdffonts and libxml2's xmllint, run
 * on temporary files, and the text normalisation the comparisons share.
 */

const run = promisify(execFile);

/** The OASIS Akoma Ntoso 3.0 schema, kept in the repository (`schemas/akomantoso30/`, with its licence notice). */
export const AKN_SCHEMA = join(dirname(fileURLToPath(import.meta.url)), 'schemas', 'akomantoso30', 'akomantoso30.xsd');

async function withFile<T>(name: string, data: Uint8Array, work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'accord-export-'));
  try {
    const path = join(dir, name);
    await writeFile(path, data);
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Text of a PDF. `body` crops each A4 page to the area between the running header and the page number, so
 * only the text itself is compared; `layout` keeps the page's columns side by side.
 */
export function pdfToText(pdf: Uint8Array, options: { body?: boolean; layout?: boolean } = {}): Promise<string> {
  const crop = options.body ? ['-x', '0', '-y', '60', '-W', '596', '-H', '722'] : [];
  if (options.layout) crop.push('-layout');
  return withFile(
    'file.pdf',
    pdf,
    async (path) => (await run('pdftotext', ['-enc', 'UTF-8', ...crop, path, '-'], { maxBuffer: 64 << 20 })).stdout,
  );
}

export function pdfInfo(pdf: Uint8Array): Promise<string> {
  return withFile('file.pdf', pdf, async (path) => (await run('pdfinfo', [path])).stdout);
}

/** An element of a tagged PDF's structure tree as Poppler reads it: its role, attributes, own text, children. */
export interface PdfElement {
  role: string;
  attributes: string[];
  /** The text of the element's own marked content, one string per marked-content sequence. */
  text: string[];
  children: PdfElement[];
}

/**
 * The structure tree of a tagged PDF (`pdfinfo -struct-text`): the elements below the root, in the tree's
 * order. Empty for an untagged PDF.
 */
export function pdfStructure(pdf: Uint8Array): Promise<PdfElement[]> {
  return withFile('file.pdf', pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-struct-text', path], { maxBuffer: 64 << 20 });
    const root: PdfElement = { role: '', attributes: [], text: [], children: [] };
    // Poppler indents each level by two spaces; an element's attributes by three more than the element.
    const open: PdfElement[] = [root];
    for (const line of stdout.split('\n')) {
      const depth = line.length - line.trimStart().length;
      const content = line.trim();
      if (content === '') continue;
      const parent = open[Math.min(Math.floor(depth / 2), open.length - 1)]!;
      if (content.startsWith('"')) parent.text.push(content.slice(1, -1));
      else if (content.startsWith('/')) open[open.length - 1]!.attributes.push(content);
      else {
        const element: PdfElement = { role: content.split(/[\s:]/)[0]!, attributes: [], text: [], children: [] };
        open.length = Math.floor(depth / 2) + 1;
        parent.children.push(element);
        open.push(element);
      }
    }
    return root.children;
  });
}

export function pdfFonts(pdf: Uint8Array): Promise<string> {
  return withFile('file.pdf', pdf, async (path) => (await run('pdffonts', [path])).stdout);
}

/** Runs `xmllint` with `args` on the data; resolves with its exit code and output instead of throwing. */
export function xmllint(
  data: Uint8Array,
  args: string[],
  name = 'file.xml',
): Promise<{ code: number; output: string }> {
  return withFile(name, data, async (path) => {
    try {
      const { stdout, stderr } = await run('xmllint', [...args, path], { maxBuffer: 64 << 20 });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof failure.code === 'number' ? failure.code : 1,
        output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
      };
    }
  });
}

export function validateAkn(xml: Uint8Array): Promise<{ code: number; output: string }> {
  return xmllint(xml, ['--noout', '--nonet', '--schema', AKN_SCHEMA]);
}

/**
 * Normalises text for comparison across formats: NFC, no bidi control marks (extractors add them around
 * right-to-left runs), line-end hyphenation joined, all whitespace runs collapsed to one space.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Characters no embedded PDF font can draw (emoji): they reach the PDF's text layer through /ActualText. */
export function undrawable(text: string): string[] {
  return [...text].filter((c) => /\S/.test(c) && !FACE_KEYS.some((key) => face(key).covers(c.codePointAt(0)!)));
}

/** Decodes the five XML entities and numeric references. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
      );
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity.toLowerCase()]!;
  });
}

/** The text content of a markup document: tags dropped (each replaced by a space), entities decoded. */
export function markupText(markup: string): string {
  return decodeXml(markup.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' '));
}

/** Number of non-white pixels in a region (points, from the top left) of one page, rendered at 72 dpi. */
export function pdfInk(
  pdf: Uint8Array,
  page: number,
  region: { x: number; y: number; width: number; height: number },
): Promise<number> {
  return withFile('file.pdf', pdf, async (path) => {
    const args = [
      '-gray',
      '-r',
      '72',
      '-f',
      String(page),
      '-l',
      String(page),
      '-x',
      String(region.x),
      '-y',
      String(region.y),
      '-W',
      String(region.width),
      '-H',
      String(region.height),
      path,
    ];
    const { stdout } = await run('pdftoppm', args, { encoding: 'buffer', maxBuffer: 64 << 20 });
    // A binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(stdout.toString('latin1', 0, 40))!;
    const pixels = stdout.subarray(header[0].length);
    return pixels.reduce((count, value) => count + (value < 250 ? 1 : 0), 0);
  });
}
