import JSZip from 'jszip';
import { HttpError } from '../http/errors.js';

/** The parts of a Word file the import reads, as text; `null` where the file has none. */
export interface DocxParts {
  document: string;
  styles: string | null;
  numbering: string | null;
  comments: string | null;
  core: string | null;
}

export interface PackageLimits {
  /** The upload's size, in bytes (10 MB). */
  maxBytes: number;
  /** The parts' size once inflated, all together, in bytes: a small file that inflates to gigabytes is refused. */
  maxInflatedBytes: number;
}

export const DOCX_LIMITS: PackageLimits = { maxBytes: 10 * 1024 * 1024, maxInflatedBytes: 64 * 1024 * 1024 };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: a password-protected .docx (Word wraps it encrypted), or an old binary .doc. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Opens a Word file and reads its parts, refusing what is not one: an encrypted file or a binary .doc (400
 * `import_encrypted`, `import_not_docx`), anything that is not a ZIP with a main document part (400
 * `import_not_docx`), and a file too large or that inflates past the limit (413 `import_too_large`).
 */
export async function readDocxPackage(bytes: Uint8Array, limits: PackageLimits = DOCX_LIMITS): Promise<DocxParts> {
  if (bytes.length > limits.maxBytes) {
    throw HttpError.of('import_too_large', `A Word file may be at most ${limits.maxBytes / 1024 / 1024} MB.`);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw HttpError.of(
      'import_encrypted',
      'This file is password-protected or in the old Word 97–2003 format: save it as an unprotected .docx and upload it again.',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw HttpError.of('import_not_docx', 'This file is not a Word document (.docx).');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw HttpError.of('import_not_docx', 'This file is damaged or is not a Word document (.docx).');
  }
  const budget = { left: limits.maxInflatedBytes };
  const read = (path: string): Promise<string | null> => readPart(zip, path, budget, limits);
  const document = await read('word/document.xml');
  if (document === null) throw HttpError.of('import_not_docx', 'This file has no Word document part (.docx).');
  return {
    document,
    styles: await read('word/styles.xml'),
    numbering: await read('word/numbering.xml'),
    comments: await read('word/comments.xml'),
    core: await read('docProps/core.xml'),
  };
}

/** One part as text, inflated chunk by chunk against the shared budget, stopped as soon as it runs out. */
async function readPart(
  zip: JSZip,
  path: string,
  budget: { left: number },
  limits: PackageLimits,
): Promise<string | null> {
  const file = zip.file(path);
  if (!file) return null;
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        budget.left -= chunk.length;
        if (budget.left < 0) {
          stream.pause();
          reject(
            HttpError.of(
              'import_too_large',
              `This Word file holds more than ${limits.maxInflatedBytes / 1024 / 1024} MB once unpacked.`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      })
      .on('error', () =>
        reject(HttpError.of('import_not_docx', 'This file is damaged or is not a Word document (.docx).')),
      )
      .on('end', () => resolve());
  });
  return Buffer.concat(chunks).toString('utf8');
}
