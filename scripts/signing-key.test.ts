import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { readPublicKey } from '../server/ledger/signingKey.js';
import { script } from '../test/helpers/scripts.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-signing-key-'));
  dirs.push(dir);
  return dir;
};
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(...script('signing-key', ...args), {
    env: { ...process.env, SIGNING_KEY_FILE: '', REDIS_URL: '', ...env },
    encoding: 'utf8',
  });

describe('npm run signing-key', () => {
  it('creates the key in DATA_DIR once, mode 0600, and prints its fingerprint and public key', () => {
    const dataDir = path.join(tmp(), 'data');
    const first = run([], { DATA_DIR: dataDir });
    expect(first.status, first.stderr).toBe(0);
    const file = path.join(dataDir, 'signing-key.pem');
    expect(first.stdout).toContain(`Created ${file} (mode 0600; keep it secret)`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const { fingerprint, publicKeyPem } = readPublicKey(path.join(dataDir, 'signing-key.pub.pem'));
    expect(first.stdout).toContain(`Fingerprint ${fingerprint}`);
    expect(first.stdout.endsWith(publicKeyPem)).toBe(true);
    const again = run([], { DATA_DIR: dataDir });
    expect(again.stdout).toContain(`Key ${file}`);
    expect(again.stdout).toContain(`Fingerprint ${fingerprint}`);
  });

  it('creates a key for a cluster with --create, never over an existing file; a cluster needs one', () => {
    const file = path.join(tmp(), 'conference.pem');
    const created = run(['--create', file], { DATA_DIR: tmp() });
    expect(created.status, created.stderr).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(run(['--create', file], { DATA_DIR: tmp() })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('already exists: a key is never overwritten'),
    });
    expect(run([], { DATA_DIR: tmp(), SIGNING_KEY_FILE: file }).stdout).toContain(
      `Fingerprint ${readPublicKey(file).fingerprint}`,
    );
    expect(run([], { DATA_DIR: tmp(), DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x' })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('SIGNING_KEY_FILE: several nodes'),
    });
  });
});
