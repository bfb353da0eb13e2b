import type { RequestHandler } from 'express';
import { EVENTS_SEQ_HEADER } from '../../shared/protocol/events.js';
import type { AppContext } from '../context.js';

/**
 * Where a document's reads begin, under `/api`: mounted with `use`, it takes `/documents/:id` and everything
 * under it, and is no route of its own (`apiRoutes` lists routes only).
 */
export const DOCUMENT_READS = '/documents/:id';

/**
 * Puts the document's event sequence on a signed-in read of it (`Accord-Events-Seq`), read before the route
 * reads the state it answers with: every event the number counts is in that state, so a screen that compares
 * it with its join's answer never takes a read for newer than it is (it may take it for older, and read once
 * more). One place for every route under the document; a read refused or of an unknown document carries none.
 */
export function eventsSeqHeader(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    // A visitor's read is refused anyway: it learns nothing of how busy a document is.
    if (req.method !== 'GET' || !req.actor) return next();
    const seq = await ctx.store.documents.eventsSeq(String(req.params.id));
    if (seq !== undefined) res.set(EVENTS_SEQ_HEADER, String(seq));
    next();
  };
}
