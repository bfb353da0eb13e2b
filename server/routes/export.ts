import { Router } from 'express';
import { exportFormatSchema, exportQuery, invalidFormatMessage } from '../../shared/api/export.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { parse } from '../http/validate.js';
import { exportDocument } from '../commands/exportDocument.js';

/**
 * `GET /api/documents/:id/export?format=pdf|docx|akn|html|md|json|package&revision=ID&lang=kk&parallel=en`: the file itself,
 * with its content type and a download name such as `almaty-declaration-final-2025-10-17.pdf`.
 */
export function exportRoutes(ctx: AppContext): Router {
  const router = Router();

  // The query is read here, not by the table's schemas: an unknown format has its own id, checked before the revision.
  on(router, ROUTES.exportDocument, async (req, res) => {
    const format = exportFormatSchema.safeParse(req.query.format);
    if (!format.success) throw HttpError.of('invalid_format', invalidFormatMessage(req.query.format), 'format');
    const { revision, lang, parallel } = parse(exportQuery, {
      revision: req.query.revision,
      lang: req.query.lang,
      parallel: req.query.parallel,
    });
    const file = await exportDocument(ctx, req.actor, req.params.id, {
      format: format.data,
      revision: revision ?? null,
      lang: lang ?? null,
      parallel: parallel ?? null,
    });
    res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Disposition': attachment(file.fileName),
        'Content-Length': String(file.body.length),
      })
      .end(file.body);
  });

  return router;
}

/**
 * `attachment` with the name twice: `filename` in quoted ASCII for old clients, `filename*` (RFC 5987,
 * UTF-8, percent-encoded) for the rest. Export names are ASCII slugs today; this stays right if they are not.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
