import { FILE_FORMATS, renderFile, type ExportFile, type FileFormat } from './files.js';
import type { ExportModel } from './model.js';
import { renderPackage } from './package.js';
import type { SigningKey } from '../ledger/signingKey.js';

/**
 * The exporter's entry point for the server and the command line: build the model once with
 * `buildExportModel`, then render it in any format.
 */

import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api/export.js';

/** The formats are part of the API contract, so they are defined once in shared/ and re-exported here. */
export { EXPORT_FORMATS, type ExportFormat };

export type { ExportFile } from './files.js';
export { buildExportModel, type ExportModel, type ExportSource } from './model.js';

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** What rendering needs besides the model. Plain data, so rendering can run in a worker thread. */
export interface RenderOptions {
  /** The conference's key, which signs a submission package. */
  signingKey?: SigningKey;
}

/** Renders one format; `RangeError` for a format that does not exist, or a package without a key to sign it. */
export async function renderExport(
  format: ExportFormat,
  model: ExportModel,
  options: RenderOptions = {},
): Promise<ExportFile> {
  if (format === 'package') {
    if (!options.signingKey) throw new RangeError('A submission package is signed: pass the signing key');
    return {
      body: await renderPackage(model, options.signingKey),
      contentType: 'application/zip',
      fileName: `${model.baseName}.zip`,
    };
  }
  if (!(FILE_FORMATS as readonly string[]).includes(format))
    throw new RangeError(`Unknown export format: ${String(format)}`);
  return renderFile(format as FileFormat, model);
}
