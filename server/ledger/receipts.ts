import type { Actor } from '../../shared/domain/roles.js';
import type { BallotChoice } from '../../shared/domain/tally.js';
import type { AppContext } from '../context.js';
import type { AuditEntry } from '../db/repositories/audit.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { CHECKPOINT_ACTION, checkpointOf, signHead, type SignedHead } from './checkpoints.js';
import { votingDelegation } from '../queries/alternates.js';
import { loadVote } from '../queries/votes.js';

/**
 * Ballot receipts. A receipt is the delegation's own ballot entry, verbatim, and a signed head at or after it: the first
 * checkpoint written after the ballot, or — when none has been written yet — the current head, signed on
 * request and not stored. Either is the conference key's statement that the chain, up to that head, holds
 * this entry; a head signed on request is as binding as a stored one, because the signature is over the seq
 * and the hash, and the hash chain fixes every entry below it. A server that later drops or alters the
 * ballot can only do so by breaking a head it signed, which the receipt's holder can show to anyone.
 */

export const RECEIPT_FORMAT = 'accord.ballot-receipt';
export const RECEIPT_VERSION = 1;

/** A ballot's ledger entry, with every field its hash covers. */
export type ReceiptEntry = Omit<AuditEntry, 'payload'> & { payload: Record<string, unknown> };

export interface BallotReceipt {
  format: typeof RECEIPT_FORMAT;
  version: typeof RECEIPT_VERSION;
  vote: { id: string; documentId: string };
  delegation: string;
  choice: BallotChoice;
  entry: ReceiptEntry;
  /** A signed head at or after the entry; `checkpoint` is the seq of the ledger entry holding it, or null when signed on request. */
  signedHead: SignedHead & { checkpoint: number | null };
  /** The conference's public key (PEM), for convenience: check its fingerprint against the published one. */
  publicKey: string;
  issuedAt: string;
}

/**
 * The receipt of the delegation's current ballot in a vote, for its head or designated alternate only
 * (403 `role_not_allowed` / `no_delegation` otherwise); 404 `vote_not_found`, or `ballot_not_found` before the
 * delegation has voted. 500 `ledger_inconsistent` if the ballot row and the ledger disagree.
 */
export async function ballotReceipt(ctx: AppContext, actor: Actor, voteId: string): Promise<BallotReceipt> {
  return ctx.store.transaction(async () => {
    const { vote, doc } = await loadVote(ctx, voteId);
    const voter = authorize(actor, 'ballot.cast', { stage: doc.stage });
    const delegation = await votingDelegation(ctx, voter);
    const ballot = await ctx.store.ballots.get(vote.id, delegation);
    if (!ballot) throw HttpError.of('ballot_not_found', `${delegation} has no ballot in this vote.`);
    const entry =
      ballot.ledger_seq !== null
        ? await ctx.store.audit.get(ballot.ledger_seq)
        : await lastBallotEntry(ctx, vote.id, delegation);
    if (
      !entry ||
      entry.subject !== `vote:${vote.id}` ||
      entry.payload.delegation !== delegation ||
      entry.payload.choice !== ballot.choice
    ) {
      throw HttpError.of(
        'ledger_inconsistent',
        `The ledger does not record ${delegation}'s ballot as the ballots table holds it; run verify-ledger.`,
      );
    }
    const stored = await ctx.store.audit.firstOfAfter(CHECKPOINT_ACTION, entry.seq);
    const checkpoint = stored && checkpointOf(stored);
    let signedHead: BallotReceipt['signedHead'];
    if (stored && checkpoint && checkpoint.seq >= entry.seq) {
      signedHead = {
        seq: checkpoint.seq,
        head: checkpoint.head,
        key: checkpoint.key,
        signature: checkpoint.signature,
        checkpoint: stored.seq,
      };
    } else {
      const head = (await ctx.store.audit.head())!;
      signedHead = { ...signHead(ctx.signingKey, head.seq, head.hash), checkpoint: null };
    }
    return {
      format: RECEIPT_FORMAT,
      version: RECEIPT_VERSION,
      vote: { id: vote.id, documentId: doc.id },
      delegation,
      choice: ballot.choice,
      entry: { ...entry },
      signedHead,
      publicKey: ctx.signingKey.publicKeyPem,
      issuedAt: new Date().toISOString(),
    };
  });
}

/** For ballots cast before rows pointed at their entry: the delegation's last ballot entry in the vote. */
async function lastBallotEntry(ctx: AppContext, voteId: string, delegation: string): Promise<AuditEntry | undefined> {
  return (await ctx.store.audit.forSubject(`vote:${voteId}`))
    .filter((e) => (e.action === 'ballot.cast' || e.action === 'ballot.change') && e.payload.delegation === delegation)
    .at(-1);
}
