import { Router } from 'express';
import * as Y from 'yjs';
import { nextRevisionName, type RevisionDiffResponse } from '../../shared/api/revisions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { diffRevisions } from '../../shared/domain/revisionDiff.js';
import { wordDiff } from '../../shared/domain/wordDiff.js';
import type { AppContext } from '../context.js';
import { on, sendJson } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { publishRevision } from '../commands/publishRevision.js';
import { loadRevision, presentRevision, revisionSide } from '../presenters/revision.js';
import { attributeClause } from '../presenters/attribution.js';
import { wordDiffs } from '../presenters/diffCache.js';
import { presentations } from '../presenters/jsonCache.js';
import { textVersion } from '../presenters/versions.js';
import { clauseOfDocument } from '../queries/documents.js';

/** Revisions: publish, list, compare any two (or one with the live text), and who wrote what in a clause. */
export function revisionRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.publishRevision, async (req, res) => {
    res.status(201).json(await publishRevision(ctx, req.actor, req.params.id, req.body.name));
  });

  on(router, ROUTES.revisions, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const rows = await ctx.store.revisions.list(doc.id);
    res.json({
      revisions: await Promise.all(rows.map((row) => presentRevision(ctx, row))),
      suggestedName: nextRevisionName(rows.map((r) => r.name)),
    });
  });

  // Built once per pair of versions and sent to every reader as the same JSON (`jsonCache.ts`); the word diffs
  // of its clauses come from the diff cache (long ones computed on the diff thread, one at a time).
  on(router, ROUTES.revisionDiff, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const query = req.query;
    const version = async (ref: string): Promise<string> => {
      if (ref !== 'live') return `revision:${ref}`;
      return `${textVersion((await ctx.registry.get(doc.id))!)}|${JSON.stringify([...(await ctx.store.documents.clauses(doc.id)).values()])}`;
    };
    const key = `revisions|${doc.id}|${await version(query.from)}|${await version(query.to)}`;
    sendJson(
      res,
      await presentations.get(key, async () => {
        const from = await revisionSide(ctx, doc.id, query.from);
        const to = await revisionSide(ctx, doc.id, query.to);
        const before = new Map(from.clauses.map((c) => [c.id, c.text]));
        for (const clause of to.clauses) {
          const text = before.get(clause.id);
          if (text !== undefined && text !== clause.text) await wordDiffs.diff(text, clause.text);
        }
        const body: RevisionDiffResponse = {
          from: { id: from.id, name: from.name },
          to: { id: to.id, name: to.name },
          ...diffRevisions(from.clauses, to.clauses, (a, b) => wordDiffs.cached(a, b)?.diff ?? wordDiff(a, b)),
        };
        return body;
      }),
    );
  });

  on(router, ROUTES.attribution, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const clause = await clauseOfDocument(ctx, doc.id, req.params.clauseId);
    const { since } = req.query;
    let from = null;
    if (since) {
      const revision = await loadRevision(ctx, doc.id, since);
      from = {
        id: revision.id,
        name: revision.name,
        stateVector: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(new Uint8Array(revision.state))),
      };
    }
    res.json(await attributeClause(ctx, doc.id, clause.id, from));
  });

  return router;
}
