import type { BallotChoice } from '../domain/tally.js';

/** `GET /api/ledger/public-key` (open to anyone): the key that signs the ledger's checkpoints and the submission package. */
export interface ConferenceKey {
  algorithm: 'Ed25519';
  /** "ed25519:" and 32 hex digits in groups of four: what the conference publishes and reads out. */
  fingerprint: string;
  publicKey: string;
}

/** `GET /api/ledger/head`: the chain's head signed now, and when its last entry was written; null before any entry. */
export interface LedgerHead {
  seq: number;
  head: string;
  /** Fingerprint of the key that signed. */
  key: string;
  /** Ed25519 signature of the head, base64. */
  signature: string;
  at: string;
}

/**
 * `GET /api/votes/:id/receipt`, the fields a client reads (the server's answer has more: the whole ledger entry
 * and the public key; a saved receipt keeps every field the server gave).
 */
export interface BallotReceipt {
  format: string;
  vote: { id: string; documentId: string };
  delegation: string;
  choice: BallotChoice;
  entry: { seq: number; hash: string; at: string; action: string };
  /** A head of the chain at or after the entry, signed by the conference; `checkpoint` null when signed on request. */
  signedHead: { seq: number; head: string; key: string; checkpoint: number | null };
  issuedAt: string;
}
