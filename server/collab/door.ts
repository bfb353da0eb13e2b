import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Actor } from '../../shared/domain/roles.js';
import { decide } from '../../shared/domain/permissions.js';
import { COLLAB_PATH, WHOLE_ON_JOIN_QUERY } from '../../shared/protocol/collab.js';
import type { AppContext } from '../context.js';
import { resolveSession } from '../auth/session.js';
import { claimedOrigin, isSameOrigin } from '../http/origin.js';
import { requestUrl } from '../http/requestUrl.js';

const DOCUMENT_PATH = new RegExp(`^${COLLAB_PATH}/([A-Za-z0-9_-]{1,64})/?$`);

/** The document an upgrade asks for (`/collab/:documentId`), or undefined for any other path. */
export function documentIdOf(req: IncomingMessage): string | undefined {
  return DOCUMENT_PATH.exec(requestUrl(req.url).pathname)?.[1];
}

/** Whether an upgrade asks to be sent the whole document on joining (`WHOLE_ON_JOIN_QUERY`). */
export function wantsWholeOnJoin(req: IncomingMessage): boolean {
  const [name, value] = WHOLE_ON_JOIN_QUERY.split('=') as [string, string];
  return requestUrl(req.url).searchParams.get(name) === value;
}

/** An upgrade let in: who asks, and under which session. */
export interface Admitted {
  actor: Actor;
  sessionHash: string;
}

/** An upgrade refused: the HTTP status and the error id it is answered with. */
export interface Refused {
  status: number;
  id: string;
}

/**
 * Authenticates an upgrade to a document's socket: 403 `origin_rejected` for a foreign Origin, 401 without
 * a session, 404 for an unknown document, 403 with the permission's reason without `document.read`.
 */
export async function admit(ctx: AppContext, req: IncomingMessage, documentId: string): Promise<Admitted | Refused> {
  const origin = claimedOrigin(req);
  if (origin && !isSameOrigin(req, origin, ctx.config.allowedOrigins)) return { status: 403, id: 'origin_rejected' };
  const session = await resolveSession(ctx, req.headers.cookie);
  if (!session) return { status: 401, id: 'not_authenticated' };
  const row = await ctx.store.documents.get(documentId);
  if (!row) return { status: 404, id: 'document_not_found' };
  const decision = decide(session.actor, 'document.read', { stage: row.stage });
  if (!decision.allowed) return { status: 403, id: decision.reason };
  return session;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers a refused upgrade with a plain HTTP status and the JSON error body, then closes the socket. */
export function refuse(socket: Duplex, status: number, id: string): void {
  const body = JSON.stringify({ error: { id, message: STATUS_TEXT[status] ?? 'Refused' } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
