import { renderAkn } from './akn.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { ExportModel } from './model.js';
import { renderPdf } from './pdf.js';
import { renderParallelPdf } from './pdfParallel.js';

/** The single-file formats: everything but the package, which bundles them. */
export const FILE_FORMATS = ['pdf', 'docx', 'akn', 'html', 'md', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** A rendered export, ready to send or to put in a package. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

interface Renderer {
  extension: string;
  contentType: string;
  /** What the file is, for the package manifest. */
  description: string;
  render(model: ExportModel): Buffer | Promise<Buffer>;
}

export const RENDERERS: Record<FileFormat, Renderer> = {
  pdf: {
    extension: 'pdf',
    contentType: 'application/pdf',
    description: 'The text as an official document (PDF, A4)',
    // A model with a second language is the parallel text.
    render: (model) => (model.parallel ? renderParallelPdf(model) : renderPdf(model)),
  },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    description: 'The text as a Word document (DOCX)',
    render: renderDocx,
  },
  akn: {
    extension: 'akn.xml',
    contentType: 'application/akn+xml',
    description: 'The text in Akoma Ntoso 3.0 (AKN4UN)',
    render: renderAkn,
  },
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    description: 'The text as a web page (HTML)',
    render: renderHtml,
  },
  md: {
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    description: 'The text in Markdown',
    render: renderMarkdown,
  },
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    description: 'The document model (JSON)',
    render: renderJson,
  },
};

export async function renderFile(format: FileFormat, model: ExportModel): Promise<ExportFile> {
  const renderer = RENDERERS[format];
  return {
    body: await renderer.render(model),
    contentType: renderer.contentType,
    fileName: `${model.baseName}.${renderer.extension}`,
  };
}
