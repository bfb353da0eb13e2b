import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { createSigningKey, openSigningKey, publicKeyFileOf } from '../server/ledger/signingKey.js';
import { parseArgs } from './context.js';

const USAGE = `The conference's signing key: where it is, its public half and its fingerprint, to publish.

  npm run signing-key                       the key the server uses (SIGNING_KEY_FILE, else DATA_DIR/signing-key.pem,
                                            created there if missing): prints the fingerprint and the public key
  npm run signing-key -- --create FILE      creates a new key in FILE (never overwrites one), for SIGNING_KEY_FILE:
                                            every node of a cluster reads that one file

The public key is written beside the key as <name>.pub.pem. Publish it, and the fingerprint, before the
conference: verify-ledger --public-key and verify-package --public-key check against it.`;

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const create = args.get('create');
  if (create === true) throw new Error('--create needs a file');
  let file: string;
  let created: boolean;
  let fingerprint: string;
  let publicKeyPem: string;
  if (create) {
    file = path.resolve(create);
    if (fs.existsSync(file)) throw new Error(`${file} already exists: a key is never overwritten`);
    ({
      created,
      key: { fingerprint, publicKeyPem },
    } = createSigningKey(file));
  } else {
    const opened = openSigningKey(loadConfig());
    ({ file, created } = opened);
    ({ fingerprint, publicKeyPem } = opened.key);
  }
  console.log(`${created ? 'Created' : 'Key'} ${file} (mode 0600; keep it secret)`);
  console.log(`Public key ${publicKeyFileOf(file)}`);
  console.log(`Fingerprint ${fingerprint}`);
  process.stdout.write(publicKeyPem);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
