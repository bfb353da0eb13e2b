import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { ballotReceipt } from '../ledger/receipts.js';
import { signHead } from '../ledger/checkpoints.js';

/**
 * What lets outsiders check the ledger: the conference's public key (anyone, signed in or not: it is meant to
 * be published), the chain's head signed now (anyone signed in: what a conference publishes as it goes), and
 * a delegation's receipt of its own ballot (its head or designated alternate).
 */
export function ledgerRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.publicKey, (_req, res) => {
    const { publicKeyPem, fingerprint } = ctx.signingKey;
    res.json({ algorithm: 'Ed25519', fingerprint, publicKey: publicKeyPem });
  });

  on(router, ROUTES.ledgerHead, async (_req, res) => {
    const head = await ctx.store.audit.head();
    res.json(head ? { ...signHead(ctx.signingKey, head.seq, head.hash), at: head.at } : null);
  });

  on(router, ROUTES.ballotReceipt, async (req, res) => {
    const receipt = await ballotReceipt(ctx, req.actor, req.params.id);
    res
      .set('Content-Disposition', `inline; filename="ballot-receipt-${receipt.vote.id}-${receipt.delegation}.json"`)
      .json(receipt);
  });

  return router;
}
