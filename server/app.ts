import path from 'node:path';
import { wordUpload } from './http/upload.js';
import { DOCUMENT_READS, eventsSeqHeader } from './http/eventsSeq.js';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { TextLimits } from '../shared/domain/limits.js';
import type { AppContext } from './context.js';
import type { Actor } from '../shared/domain/roles.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { requestUrl } from './http/requestUrl.js';
import { requireSameOrigin } from './http/origin.js';
import { clientPage } from './http/clientPage.js';
import { firstLook } from './http/firstLook.js';
import { commandRateLimit } from './http/rateLimit.js';
import { idempotency } from './http/idempotency.js';
import { resolveSession, sessionMiddleware } from './auth/session.js';
import { presentUser } from './presenters/user.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes, type AuthHooks } from './routes/auth.js';
import { documentRoutes } from './routes/documents.js';
import { revisionRoutes } from './routes/revisions.js';
import { clauseRoutes } from './routes/clauses.js';
import { languageRoutes } from './routes/languages.js';
import { commentRoutes } from './routes/comments.js';
import { amendmentRoutes } from './routes/amendments.js';
import { bracketRoutes } from './routes/brackets.js';
import { suggestionRoutes } from './routes/suggestions.js';
import { adminRoutes } from './routes/admin.js';
import { voteRoutes } from './routes/votes.js';
import { exportRoutes } from './routes/export.js';
import { recordRoutes } from './routes/records.js';
import { ledgerRoutes } from './routes/ledger.js';
import { floorRoutes } from './routes/floor.js';
import { rollRoutes } from './routes/roll.js';
import { publicationRoutes } from './routes/publication.js';
import { publicGalleryRoutes } from './routes/publicGallery.js';
import type { PublicGallery } from './gallery/hub.js';
import { silenceRoutes } from './routes/silence.js';
import { notificationRoutes } from './routes/notifications.js';

/**
 * Largest JSON body accepted (413 `payload_too_large` beyond): 256 kB, or more when the configured clause limit
 * needs it (a clause's text in markup, up to 4 bytes a character, and the rest of the request), so that text
 * within the limits is never refused for its bytes.
 */
export function jsonBodyLimit(limits: TextLimits): number {
  return Math.max(256 * 1024, limits.clauseChars * 4 + 64 * 1024);
}

/**
 * The Express application: security headers, then `/api` (origin check → JSON body → session → command rate
 * limit → Idempotency-Key → routes → JSON 404), the public gallery (`/public`, no session) when one is given,
 * then the built client with an index.html fallback for its routes.
 */
export function createApp(ctx: AppContext, hooks: AuthHooks, gallery?: PublicGallery): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are never cached (no-store), so an ETag (a SHA-1 over every body, 15 ms for the 7 MB comparison
  // of two long revisions) buys nothing. The built client's files keep theirs (express.static's own).
  app.set('etag', false);
  // One hop: the reverse proxy in front appends the address it saw to X-Forwarded-For, and that last entry is
  // the client's. Trusting every hop would let a client choose its own address by sending the header itself
  // (and so escape the login limits per address).
  app.set('trust proxy', ctx.config.TRUST_PROXY ? 1 : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // ProseMirror and remote cursors set style attributes from script; no inline <script> is allowed.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: ctx.config.SECURE_COOKIES,
    }),
  );

  const api = express.Router();
  api.use(requireSameOrigin(ctx.config.allowedOrigins));
  api.use(express.json({ limit: jsonBodyLimit(ctx.config.textLimits) }));
  api.use(sessionMiddleware(ctx));
  api.use(commandRateLimit(ctx.config.RATE_LIMIT_BURST, ctx.config.RATE_LIMIT_PER_MINUTE));
  api.use(wordUpload());
  api.use(idempotency(ctx));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(DOCUMENT_READS, eventsSeqHeader(ctx));
  api.use(healthRoutes());
  api.use(authRoutes(ctx, hooks));
  api.use(documentRoutes(ctx));
  api.use(clauseRoutes(ctx));
  api.use(languageRoutes(ctx));
  api.use(adminRoutes(ctx));
  api.use(voteRoutes(ctx));
  api.use(floorRoutes(ctx));
  api.use(rollRoutes(ctx));
  api.use(silenceRoutes(ctx));
  api.use(amendmentRoutes(ctx));
  api.use(bracketRoutes(ctx));
  api.use(suggestionRoutes(ctx));
  api.use(commentRoutes(ctx));
  api.use(revisionRoutes(ctx));
  api.use(exportRoutes(ctx));
  api.use(recordRoutes(ctx));
  api.use(ledgerRoutes(ctx));
  api.use(publicationRoutes(ctx));
  api.use(notificationRoutes(ctx));
  api.use(apiNotFound);
  app.use('/api', api);
  if (gallery) app.use(publicGalleryRoutes(gallery, { maxAge: ctx.config.PUBLIC_GALLERY_MAX_AGE }));

  serveClient(app, ctx, path.resolve(ctx.config.CLIENT_DIR));
  app.use(errorHandler((message, error) => ctx.log.error(message, error)));
  return app;
}

/** What walking Express's router needs to know of a layer. */
interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/**
 * Every route of the API as `METHOD /api/path` (e.g. `POST /api/votes/:id/ballots`), read from the live
 * router, so that a route added without its row in the permission matrix fails the tests.
 */
export function apiRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${prefix}${String(layer.route.path)}`);
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''),
        );
      }
    }
  };
  const root = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  walk(
    root.filter((layer) => layer.rawPath === '/api'),
    '',
  );
  return out;
}

/**
 * Serves the built client; any other GET falls back to index.html so client routes survive a reload, with
 * hints of the files that address will need and who is signed in (see `clientPage`).
 */
function serveClient(app: Express, ctx: AppContext, dir: string): void {
  const pageFor = clientPage(dir);
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheHtml }));
  app.get(/^\/(?!api\/|socket\.io\/|collab\/).*/, async (req, res) => {
    const session = await resolveSession(ctx, req.headers.cookie);
    const { search } = requestUrl(req.originalUrl);
    const page = pageFor(
      req.path,
      req.get('accept-language'),
      { user: session ? presentUser(session.actor) : null },
      search,
      session ? await firstLookOrNone(ctx, session.actor, req.path, search) : null,
    );
    if (page === null) {
      res
        .status(503)
        .type('text/plain')
        .send('The Accord client is not built yet. Run `npm run build` (npm start does it for you).');
      return;
    }
    // The page names who is signed in: no shared cache may keep it, and each visit asks again.
    res.set('Cache-Control', 'no-cache, private').type('html').send(page);
  });
}

/** The page's first look (`firstLook`), or none when it cannot be made: the page draws its text itself then. */
function firstLookOrNone(ctx: AppContext, actor: Actor, pathname: string, search: string): Promise<string | null> {
  return firstLook(ctx, actor, pathname, search).catch((error: unknown) => {
    ctx.log.error(`first look at ${pathname} failed`, error);
    return null;
  });
}

/** Pages are checked again at every visit; files named by their content's hash (scripts, styles, flags) never change. */
function noCacheHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  else if (/[.-][A-Za-z0-9_-]{8,}\.(js|css|svg)$/.test(file))
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
