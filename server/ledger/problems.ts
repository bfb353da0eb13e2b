/**
 * One thing `verify-ledger` found wrong, with a stable code and a sentence naming what it concerns: the
 * entry, the vote and the delegation, or the document.
 */
export interface LedgerProblem {
  code: string;
  seq?: number;
  vote?: string;
  delegation?: string;
  document?: string;
  message: string;
}
