import { groupedHash, shortHash } from '../api/ledger.js';

/**
 * A SHA-256 fingerprint shown to be read aloud and checked: the short form in large type, the full value in
 * groups of four beside it (the short form is for reading out, the full value for comparing). `data-fingerprint`
 * holds the value as the ledger has it.
 */
export function Fingerprint({ hex, fullLabel }: { hex: string; fullLabel: string }) {
  return (
    <span class="fingerprint" data-fingerprint={hex}>
      <code class="fingerprint-short">{`${shortHash(hex)} …`}</code>{' '}
      <span class="visually-hidden">{`${fullLabel}: `}</span>
      <code class="fingerprint-full">{groupedHash(hex)}</code>
    </span>
  );
}

/** A key fingerprint ("ed25519:8c44-2296-…") as it is published: already short, shown whole. */
export function KeyFingerprint({ fingerprint }: { fingerprint: string }) {
  return (
    <code class="key-fingerprint" data-key-fingerprint={fingerprint}>
      {fingerprint}
    </code>
  );
}
