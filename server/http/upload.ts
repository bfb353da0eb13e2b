import express, { type RequestHandler } from 'express';
import { DOCX_MEDIA_TYPE, IMPORT_MAX_BYTES, IMPORT_TEXT_MAX_BYTES, TEXT_MEDIA_TYPE } from '../../shared/api/import.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { HttpError } from './errors.js';

const IMPORT_PATH = ROUTES.importDocument.path.replace(/^\/api/, '');

/**
 * Reads a Word file sent to the import route as bytes (`req.body` a Buffer), up to 10 MB, or a pasted text sent as
 * `text/plain` (`req.body` a string), up to 8 MB (413 `import_too_large` beyond, without reading further). Only from someone who may create a document: anyone else's upload
 * is left unread and refused by the route (401 or 403) as soon as its headers are in. Mounted before the idempotency check, which then holds a
 * repeated upload to the same bytes.
 */
export function wordUpload(): RequestHandler {
  const raw = express.raw({ type: DOCX_MEDIA_TYPE, limit: IMPORT_MAX_BYTES });
  const text = express.text({ type: TEXT_MEDIA_TYPE, limit: IMPORT_TEXT_MAX_BYTES, defaultCharset: 'utf-8' });
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== IMPORT_PATH) return next();
    if (!req.actor || !can(req.actor, 'document.create')) return next();
    // `req.is` answers the matching type, false, or null for a request without a body.
    const pasted = typeof req.is(TEXT_MEDIA_TYPE) === 'string';
    (pasted ? text : raw)(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(
          HttpError.of(
            'import_too_large',
            pasted ? 'A pasted text may be at most 8 MB.' : 'A Word file may be at most 10 MB.',
          ),
        );
        return;
      }
      next(error);
    });
  };
}
