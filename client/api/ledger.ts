import type { BallotChoice } from '../../shared/domain/tally.js';
import { api } from './http.js';

/**
 * What the client shows of the conference's ledger: its public key (`GET /api/ledger/public-key`), the adopted
 * text's fingerprint (`adoption` of `GET /api/documents/:id`) and a delegation's ballot receipts
 * (`GET /api/votes/:id/receipt`). The client only shows them; `npm run verify-ledger` and `verify-package` are
 * what check them.
 */

/** `GET /api/ledger/public-key`: the key that signs the ledger's checkpoints and the submission package. */
export interface ConferenceKey {
  algorithm: 'Ed25519';
  /** "ed25519:" and 32 hex digits in groups of four: what the conference publishes and reads out. */
  fingerprint: string;
  publicKey: string;
}

/** `GET /api/votes/:id/receipt`, as the delegation page reads it (the file keeps every field the server gave). */
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

let key: Promise<ConferenceKey> | null = null;

/** The conference's public key, read once per page load (it does not change while the server runs). */
export function conferenceKey(): Promise<ConferenceKey> {
  key ??= api.get<ConferenceKey>('/api/ledger/public-key').catch((error: unknown) => {
    key = null;
    throw error;
  });
  return key;
}

/**
 * A SHA-256 in hex as people compare it aloud: the first `groups` groups of four digits ("5b0e 91d2 a3f4
 * 0c11"). The full value is always shown beside it: the short form is for reading, not for proving.
 */
export function shortHash(hex: string, groups = 4): string {
  return (hex.slice(0, groups * 4).match(/.{1,4}/g) ?? []).join(' ');
}

/** The full value in groups of four, so it wraps and can be read back digit by digit. */
export function groupedHash(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** The file a receipt is saved as: the name the server gives it. */
export function receiptFileName(receipt: Pick<BallotReceipt, 'vote' | 'delegation'>): string {
  return `ballot-receipt-${receipt.vote.id}-${receipt.delegation}.json`;
}
