import { readFile } from 'node:fs/promises';
import { verifyPackage } from '../server/export/verify.js';
import { readPublicKey } from '../server/ledger/signingKey.js';
import { parseArgs } from './context.js';

const USAGE = `Checks a submission package: the manifest's signature, every file's SHA-256, the text's fingerprint
recomputed from the JSON export, and every other format rendered again from the JSON and compared.

  npm run verify-package -- FILE.zip [--public-key FILE]

  --public-key FILE   the conference's published public key (PEM). Without it the key inside the package is
                      used, and its fingerprint printed to compare with the one the conference published.

Exits 0 and prints "package intact", 1 naming the first file that was changed, added or removed, or 2 when
it cannot run (no file, unreadable key).`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--public-key');
  if (args.has('help') || !file) {
    console.log(USAGE);
    return args.has('help') ? 0 : 2;
  }
  const keyFile = args.get('public-key');
  if (keyFile === true) throw new Error('--public-key needs a file');
  const key = keyFile ? readPublicKey(keyFile) : undefined;
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const check = await verifyPackage(data, key ? { publicKeyPem: key.publicKeyPem } : {});
  if (!check.ok) {
    console.log(`package damaged: ${check.file}: ${check.message}`);
    return 1;
  }
  const signer = check.keyFromPackage
    ? `${check.keyFingerprint}, the key inside the package: compare it with the conference's published fingerprint, or pass --public-key`
    : `${check.keyFingerprint} (the key given)`;
  console.log(`package intact: ${check.fileCount} files match the manifest signed by ${signer}`);
  console.log(
    `text fingerprint ${check.fingerprint}: the JSON export recomputes it, and every other format says the same text`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
