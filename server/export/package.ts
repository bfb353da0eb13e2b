import JSZip from 'jszip';
import { FILE_FORMATS, RENDERERS, renderFile } from './files.js';
import { EXPORT_MODEL_VERSION, sha256Hex, type ExportModel } from './model.js';

/**
 * The submission package: one zip with every format, the audit ledger extract and `manifest.json`, which
 * lists each file with its SHA-256 so the secretariat receiving it can check nothing was altered or lost
 * (`npm run verify-package -- file.zip`).
 */

export const MANIFEST = 'manifest.json';
export const LEDGER_EXTRACT = 'ledger-extract.json';
/** Identifies a manifest; `version` is `EXPORT_MODEL_VERSION`. */
export const MANIFEST_FORMAT = 'accord.submission-package';

export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
  description: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof EXPORT_MODEL_VERSION;
  document: { id: string; symbol: string; title: string; stage: string; draft: boolean; date: string; revision: string | null };
  generatedAt: string;
  textSha256: string;
  files: ManifestEntry[];
}

/** Renders the zip. */
export async function renderPackage(model: ExportModel): Promise<Buffer> {
  const entries: { entry: ManifestEntry; body: Buffer }[] = [];
  for (const format of FILE_FORMATS) {
    const file = await renderFile(format, model);
    entries.push({ body: file.body, entry: entry(file.fileName, file.body, file.contentType, RENDERERS[format].description) });
  }
  const ledger = Buffer.from(`${JSON.stringify(model.ledger, null, 2)}\n`, 'utf8');
  entries.push({ body: ledger, entry: entry(LEDGER_EXTRACT, ledger, 'application/json; charset=utf-8', 'Extract of the hash-chained audit ledger: votes, ballots and decisions, rows verbatim') });

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: EXPORT_MODEL_VERSION,
    document: {
      id: model.document.id,
      symbol: model.document.symbol,
      title: model.title,
      stage: model.document.stage,
      draft: model.draft,
      date: model.document.date,
      revision: model.revision?.name ?? null,
    },
    generatedAt: model.generatedAt,
    textSha256: model.textSha256,
    files: entries.map((e) => e.entry),
  };

  const zip = new JSZip();
  // A fixed timestamp: the same export gives the same archive.
  const date = new Date(model.generatedAt);
  for (const { entry, body } of entries) {
    // PDF and DOCX are compressed already; deflating them again costs time and saves nothing.
    const compressed = entry.path.endsWith('.pdf') || entry.path.endsWith('.docx');
    zip.file(entry.path, body, { date, compression: compressed ? 'STORE' : 'DEFLATE' });
  }
  zip.file(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`, { date, compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

function entry(path: string, body: Buffer, contentType: string, description: string): ManifestEntry {
  return { path, sha256: sha256Hex(body), bytes: body.length, contentType, description };
}
