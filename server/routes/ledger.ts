import { Router } from 'express';
import { idSchema } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { requireActor } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { ballotReceipt } from '../ledger/receipts.js';
import { signHead } from '../ledger/checkpoints.js';

/**
 * What lets outsiders check the ledger: the conference's public key (anyone, signed in or not: it is meant to
 * be published), the chain's head signed now (anyone signed in: what a conference publishes as it goes), and
 * a delegation's receipt of its own ballot (its head or designated alternate).
 */
export function ledgerRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/ledger/public-key', (_req, res) => {
    const { publicKeyPem, fingerprint } = ctx.signingKey;
    res.json({ algorithm: 'Ed25519', fingerprint, publicKey: publicKeyPem });
  });

  router.get('/ledger/head', async (req, res) => {
    requireActor(req.actor);
    const head = await ctx.store.audit.head();
    res.json(head ? { ...signHead(ctx.signingKey, head.seq, head.hash), at: head.at } : null);
  });

  router.get('/votes/:id/receipt', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    const receipt = await ballotReceipt(ctx, req.actor, id);
    res.set('Content-Disposition', `inline; filename="ballot-receipt-${receipt.vote.id}-${receipt.delegation}.json"`).json(receipt);
  });

  return router;
}
