import { groupedHash, shortHash } from '../api/ledger.js';
import { h } from '../dom.js';

/**
 * A SHA-256 fingerprint shown to be read aloud and checked: the short form in large type, the full value in
 * groups of four beside it (the short form is for reading out, the full value for comparing). `data-fingerprint`
 * holds the value as the ledger has it.
 */
export function fingerprintValue(hex: string, fullLabel: string): HTMLElement {
  return h(
    'span',
    { class: 'fingerprint', 'data-fingerprint': hex },
    h('code', { class: 'fingerprint-short' }, `${shortHash(hex)} …`),
    ' ',
    h('span', { class: 'visually-hidden' }, `${fullLabel}: `),
    h('code', { class: 'fingerprint-full' }, groupedHash(hex)),
  );
}

/** A key fingerprint ("ed25519:8c44-2296-…") as it is published: already short, shown whole. */
export function keyFingerprintValue(fingerprint: string): HTMLElement {
  return h('code', { class: 'key-fingerprint', 'data-key-fingerprint': fingerprint }, fingerprint);
}
