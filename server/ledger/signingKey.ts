import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * The conference's Ed25519 signing key: it signs the ledger's checkpoints, ballot receipts and submission
 * packages, so that anyone holding the public key can check them without trusting the server that shows them.
 *
 * The key is plain strings (PEM) so it can be handed to a worker thread as an argument; nothing here keeps
 * global state. The private key lives in one file (mode 0600): `DATA_DIR/signing-key.pem` by default, or the
 * file `SIGNING_KEY_FILE` names, which every node of a cluster reads. The public key is written beside it
 * (`<name>.pub.pem`), to be published.
 */

/** A signing key as every component passes it around. */
export interface SigningKey {
  /** PKCS#8 PEM of the Ed25519 private key. */
  privateKeyPem: string;
  /** SPKI PEM of the public key: what a conference publishes. */
  publicKeyPem: string;
  /** `keyFingerprint(publicKeyPem)`: short enough to read aloud and compare. */
  fingerprint: string;
}

/** The file name of the key in `DATA_DIR` when `SIGNING_KEY_FILE` is not set. */
export const DEFAULT_KEY_FILE = 'signing-key.pem';

/**
 * The fingerprint of a public key: "ed25519:" and the first 128 bits of the SHA-256 of its 32 raw bytes, in
 * eight groups of four hex digits ("ed25519:3f2a-91c0-…"). `RangeError` when the PEM is not an Ed25519
 * public (or private) key.
 */
export function keyFingerprint(publicKeyPem: string): string {
  const raw = rawPublicKey(publicKeyPem);
  const hex = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return `ed25519:${hex.match(/.{4}/g)!.join('-')}`;
}

/** The 32 bytes of an Ed25519 public key given as PEM (a private key PEM gives its public half). */
function rawPublicKey(pem: string): Buffer {
  let key;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new RangeError(`Not a public key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new RangeError(`Not an Ed25519 key (${key.asymmetricKeyType ?? 'unknown type'})`);
  // An Ed25519 SPKI is a fixed 12-byte header followed by the 32 key bytes.
  return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** A new key, in memory. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return { privateKeyPem, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** The key in `privateKeyPem`, with its public half derived. `RangeError` when it is not an Ed25519 private key. */
export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new RangeError(`Not a private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new RangeError(`Not an Ed25519 key (${key.asymmetricKeyType ?? 'unknown type'})`);
  const publicKeyPem = createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
  return { privateKeyPem, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** Signs `message` (UTF-8) with the key; the signature, base64. */
export function signText(key: Pick<SigningKey, 'privateKeyPem'>, message: string | Uint8Array): string {
  return sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key.privateKeyPem).toString(
    'base64',
  );
}

/** Whether `signature` (base64) is the key's signature of `message`. Never throws on malformed input. */
export function verifyText(publicKeyPem: string, message: string | Uint8Array, signature: string): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
    return verify(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, publicKeyPem, bytes);
  } catch {
    return false;
  }
}

/** Where the public half of the key in `keyFile` is published: `signing-key.pem` → `signing-key.pub.pem`. */
export function publicKeyFileOf(keyFile: string): string {
  const base = keyFile.endsWith('.pem') ? keyFile.slice(0, -4) : keyFile;
  return `${base}.pub.pem`;
}

/** Reads the key in `file`. `Error` naming the file when it is missing, unreadable or not an Ed25519 key. */
export function readSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the signing key ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return signingKeyFromPem(pem);
  } catch (error) {
    throw new Error(`${file} is not an Ed25519 private key: ${(error as Error).message}`);
  }
}

/**
 * Creates a key in `file` unless one is there: the key with mode 0600, its directory with mode 0700 when it
 * has to be created, and the public key beside it. Never overwrites a key (`wx`): two processes creating it
 * at once end up with the one that was written first. Returns the key and whether it was created.
 */
export function createSigningKey(file: string): { key: SigningKey; created: boolean } {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = generateSigningKey();
  let created = true;
  try {
    fs.writeFileSync(file, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  const stored = created ? key : readSigningKey(file);
  writePublicKey(file, stored);
  return { key: stored, created };
}

/** Writes (or rewrites, if it differs) the public key beside the key file. */
export function writePublicKey(keyFile: string, key: SigningKey): string {
  const file = publicKeyFileOf(keyFile);
  let current: string | undefined;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== key.publicKeyPem) {
    try {
      fs.writeFileSync(file, key.publicKeyPem, { mode: 0o644 });
    } catch {
      // A read-only directory (a key mounted from a secret store): the public key is printed and served anyway.
    }
  }
  return file;
}

/** Reads a public key file (a private key file is accepted too: its public half is used). */
export function readPublicKey(file: string): { publicKeyPem: string; fingerprint: string } {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the public key ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    const publicKeyPem = createPublicKey(pem).export({ format: 'pem', type: 'spki' }).toString();
    return { publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
  } catch (error) {
    throw new Error(`${file} is not an Ed25519 public key: ${(error as Error).message}`);
  }
}

/** The key file a configuration names: `SIGNING_KEY_FILE`, else `DATA_DIR/signing-key.pem`. */
export function signingKeyFile(config: { SIGNING_KEY_FILE?: string | undefined; dataDir: string }): string {
  return config.SIGNING_KEY_FILE ? path.resolve(config.SIGNING_KEY_FILE) : path.join(config.dataDir, DEFAULT_KEY_FILE);
}

/**
 * The key a server or script signs with. `SIGNING_KEY_FILE` must name an existing key (a shared file that is
 * missing is a deployment mistake, not something to paper over with a fresh key); without it the key in
 * `DATA_DIR` is read, or created there on first use (the demo seed's first start, `npm run setup`). Several
 * nodes (`REDIS_URL`) sign one ledger, so they must share `SIGNING_KEY_FILE`. `Error` with a message for the
 * operator otherwise.
 */
export function openSigningKey(config: {
  SIGNING_KEY_FILE?: string | undefined;
  REDIS_URL?: string | undefined;
  dataDir: string;
}): {
  key: SigningKey;
  file: string;
  created: boolean;
} {
  const file = signingKeyFile(config);
  if (config.SIGNING_KEY_FILE) {
    const key = readSigningKey(file);
    writePublicKey(file, key);
    return { key, file, created: false };
  }
  if (config.REDIS_URL) {
    throw new Error(
      'Invalid configuration:\n  SIGNING_KEY_FILE: several nodes (REDIS_URL) sign one ledger; give every node the same key file (create one with `npm run signing-key -- --create FILE`)',
    );
  }
  return { ...createSigningKey(file), file };
}
