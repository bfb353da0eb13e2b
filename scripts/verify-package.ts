import { readFile } from 'node:fs/promises';
import { verifyPackage } from '../server/export/verify.js';

/**
 * `npm run verify-package -- file.zip`: checks a submission package against its manifest. Exits 0 and
 * prints "package intact" with the number of files, or exits 1 naming the first file that is missing,
 * altered or unlisted.
 */

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run verify-package -- <package.zip>');
  process.exit(1);
}

let data: Buffer;
try {
  data = await readFile(file);
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(1);
}

const check = await verifyPackage(data);
if (check.ok) {
  console.log(`package intact: ${check.fileCount} files match the manifest`);
} else {
  console.error(`package damaged: ${check.file}: ${check.message}`);
  process.exit(1);
}
