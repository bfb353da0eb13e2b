import { Router, type Request } from 'express';
import { idSchema } from '../../shared/api/documents.js';
import { HttpError } from '../http/errors.js';
import type { PublicGallery } from '../gallery/hub.js';
import { GALLERY_SCRIPT_PATH } from '../gallery/page.js';
import { GALLERY_SCRIPT } from '../gallery/script.js';
import { pickLanguage } from '../gallery/wording.js';

/** What the public routes need besides the gallery: how long a page may be cached (seconds). */
export interface PublicRouteOptions {
  maxAge: number;
}

/** The document id of a public path, or 404 (an unpublished and a missing document answer alike). */
function documentIdOf(req: Request): string {
  const parsed = idSchema.safeParse(req.params.id);
  if (!parsed.success) throw HttpError.of('document_not_found');
  return parsed.data;
}

/** An `If-None-Match` that names `etag` (or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * The public gallery's door, outside `/api`: no session is read and no cookie set, so anyone may watch and a
 * cache in front may keep the page. `GET /public/:id` is the page (200 when published, 404 otherwise; ETag,
 * Last-Modified, 304), `GET /public/:id/events` its stream, `GET /public/gallery.js` the page's script.
 */
export function publicGalleryRoutes(gallery: PublicGallery, options: PublicRouteOptions): Router {
  const router = Router();

  router.get(GALLERY_SCRIPT_PATH, (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(GALLERY_SCRIPT);
  });

  router.get('/public/:id', async (req, res) => {
    const id = documentIdOf(req);
    const language = pickLanguage(req.get('accept-language'));
    const page = await gallery.page(id, language);
    res.set('Vary', 'Accept-Language');
    if (!page)
      throw HttpError.of('document_not_found', `No public page for ${id}.`, undefined, {
        'Cache-Control': 'no-store',
      });
    res.set({
      'Cache-Control': `public, max-age=${options.maxAge}`,
      ETag: page.etag,
      'Last-Modified': page.lastModified.toUTCString(),
      'Content-Language': language,
    });
    if (matches(req.get('if-none-match'), page.etag)) return void res.status(304).end();
    res.type('html').send(page.html);
  });

  router.get('/public/:id/events', async (req, res) => {
    const id = documentIdOf(req);
    if (!gallery.hasRoom()) throw HttpError.of('gallery_full', undefined, undefined, { 'Retry-After': '30' });
    const since = req.get('last-event-id') ?? (typeof req.query.since === 'string' ? req.query.since : undefined);
    // A stream lives as long as the viewer stays: no idle timeout, and each event leaves at once.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    const language = pickLanguage(req.get('accept-language'));
    const following = await gallery.follow(id, language, res, since);
    // A viewer gone while the page was read needs no answer.
    if (!following && !res.destroyed) throw HttpError.of('document_not_found', `No public page for ${id}.`);
  });

  return router;
}
