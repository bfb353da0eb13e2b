import type { BallotReceipt, ConferenceKey } from '../../shared/api/ledger.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from './http.js';

export type { BallotReceipt, ConferenceKey } from '../../shared/api/ledger.js';

/**
 * What the client shows of the conference's ledger: its public key (`GET /api/ledger/public-key`), the adopted
 * text's fingerprint (`adoption` of `GET /api/documents/:id`) and a delegation's ballot receipts
 * (`GET /api/votes/:id/receipt`). The client only shows them; `npm run verify-ledger` and `verify-package` are
 * what check them.
 */

let key: Promise<ConferenceKey> | null = null;

/** The conference's public key, read once per page load (it does not change while the server runs). */
export function conferenceKey(): Promise<ConferenceKey> {
  key ??= call(ROUTES.publicKey).catch((error: unknown) => {
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
