import express, { type RequestHandler } from 'express';
import { DOCX_MEDIA_TYPE, IMPORT_MAX_BYTES } from '../../shared/api/import.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { HttpError } from './errors.js';

const IMPORT_PATH = ROUTES.importDocument.path.replace(/^\/api/, '');

/**
 * Reads a Word file sent to the import route as bytes (`req.body` a Buffer), up to 10 MB (413
 * `import_too_large` beyond, without reading further). Only from someone who may create a document: anyone else's upload
 * is left unread and refused by the route (401 or 403) as soon as its headers are in. Mounted before the idempotency check, which then holds a
 * repeated upload to the same bytes.
 */
export function wordUpload(): RequestHandler {
  const raw = express.raw({ type: DOCX_MEDIA_TYPE, limit: IMPORT_MAX_BYTES });
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== IMPORT_PATH) return next();
    if (!req.actor || !can(req.actor, 'document.create')) return next();
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(HttpError.of('import_too_large', 'A Word file may be at most 10 MB.'));
        return;
      }
      next(error);
    });
  };
}
