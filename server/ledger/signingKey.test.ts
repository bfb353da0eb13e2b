import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSigningKey,
  generateSigningKey,
  keyFingerprint,
  openSigningKey,
  publicKeyFileOf,
  readPublicKey,
  readSigningKey,
  signText,
  verifyText,
} from './signingKey.js';

const dirs: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the signing key', () => {
  it('is created once, readable by its owner only, in a directory only its owner enters, with the public key beside it', () => {
    const dir = path.join(tmp(), 'data');
    const file = path.join(dir, 'signing-key.pem');
    const first = createSigningKey(file);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(publicKeyFileOf(file), 'utf8')).toBe(first.key.publicKeyPem);
    const again = createSigningKey(file);
    expect(again).toEqual({ key: first.key, created: false });
    expect(readSigningKey(file)).toEqual(first.key);
    expect(readPublicKey(publicKeyFileOf(file))).toEqual({
      publicKeyPem: first.key.publicKeyPem,
      fingerprint: first.key.fingerprint,
    });
    // A private key file gives its public half.
    expect(readPublicKey(file).fingerprint).toBe(first.key.fingerprint);
  });

  it('has a short fingerprint people can compare aloud, the same from either half', () => {
    const key = generateSigningKey();
    expect(key.fingerprint).toMatch(/^ed25519:([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
    expect(keyFingerprint(key.privateKeyPem)).toBe(key.fingerprint);
    expect(generateSigningKey().fingerprint).not.toBe(key.fingerprint);
    expect(() => keyFingerprint('not a key')).toThrow(RangeError);
  });

  it('signs text that only its public key verifies', () => {
    const key = generateSigningKey();
    const signature = signText(key, 'manifest');
    expect(verifyText(key.publicKeyPem, 'manifest', signature)).toBe(true);
    expect(verifyText(key.publicKeyPem, 'manifesto', signature)).toBe(false);
    expect(verifyText(generateSigningKey().publicKeyPem, 'manifest', signature)).toBe(false);
  });

  it('comes from SIGNING_KEY_FILE, which must exist, or from DATA_DIR; several nodes must share one file', () => {
    const dataDir = tmp();
    const own = openSigningKey({ dataDir });
    expect(own).toMatchObject({ created: true, file: path.join(dataDir, 'signing-key.pem') });
    expect(openSigningKey({ dataDir }).key).toEqual(own.key);

    const shared = path.join(tmp(), 'conference.pem');
    expect(() => openSigningKey({ dataDir, SIGNING_KEY_FILE: shared })).toThrow(
      `Cannot read the signing key ${shared}: ENOENT`,
    );
    fs.writeFileSync(shared, generateSigningKey().privateKeyPem, { mode: 0o600 });
    expect(openSigningKey({ dataDir, SIGNING_KEY_FILE: shared, REDIS_URL: 'redis://x' })).toMatchObject({
      created: false,
      file: shared,
    });
    expect(fs.existsSync(publicKeyFileOf(shared))).toBe(true);
    expect(() => openSigningKey({ dataDir, REDIS_URL: 'redis://x' })).toThrow(
      /SIGNING_KEY_FILE: several nodes \(REDIS_URL\) sign one ledger/,
    );

    fs.writeFileSync(shared, 'garbage');
    expect(() => openSigningKey({ dataDir, SIGNING_KEY_FILE: shared })).toThrow(
      `${shared} is not an Ed25519 private key`,
    );
  });
});
