import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS, exportFormatSchema, invalidFormatMessage } from '../shared/api/export.js';
import { idSchema } from '../shared/api/documents.js';
import { exportDocument } from '../server/commands/exportDocument.js';
import { parseArgs, withContext } from './context.js';

const USAGE = `Exports a document, live or as a published revision froze it, as the server's export does.

  npm run export -- --document almaty-declaration --format pdf [--revision ID] [--lang kk [--parallel en]] [--out FILE|DIR]

Formats: ${EXPORT_FORMATS.join(', ')} (package: every format in one zip with a manifest of SHA-256
checksums, every language version included; check it with npm run verify-package). --lang exports a
language version of the text, --parallel (PDF only) sets a second language beside it. Without --out, or when --out is a directory, the file
takes its proposed name (almaty-declaration-final-2025-10-17.pdf). The export is recorded in the ledger.
Uses DATA_DIR (or DATABASE_URL) like the server (default ./data); it can run beside a live server.`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help') || !args.has('document') || !args.has('format')) {
    console.log(USAGE);
    return args.has('help') ? 0 : 2;
  }
  const format = exportFormatSchema.safeParse(args.get('format'));
  if (!format.success) {
    console.error(invalidFormatMessage(args.get('format')));
    return 2;
  }
  const documentId = idSchema.safeParse(args.get('document'));
  const revision = args.has('revision') ? idSchema.safeParse(args.get('revision')) : null;
  if (!documentId.success || (revision && !revision.success)) {
    console.error('--document and --revision take an id (letters, digits, - and _).');
    return 2;
  }

  return withContext(async ({ ctx }) => {
    const file = await exportDocument(ctx, null, documentId.data, {
      format: format.data,
      revision: revision?.data ?? null,
      lang: typeof args.get('lang') === 'string' ? (args.get('lang') as string) : null,
      parallel: typeof args.get('parallel') === 'string' ? (args.get('parallel') as string) : null,
    });
    // npm runs scripts from the package's directory; names are relative to where the command was typed.
    const here = process.env.INIT_CWD ?? process.cwd();
    const out = args.get('out');
    const target =
      typeof out !== 'string'
        ? path.resolve(here, file.fileName)
        : isDirectory(here, out)
          ? path.resolve(here, out, file.fileName)
          : path.resolve(here, out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.body);
    console.log(`${target}: ${file.body.length} bytes, SHA-256 ${file.sha256}`);
    return 0;
  });
}

/** `--out` names a directory when it ends with a slash or is an existing directory. */
function isDirectory(here: string, out: string): boolean {
  if (out.endsWith('/') || out.endsWith(path.sep)) return true;
  const full = path.resolve(here, out);
  return fs.existsSync(full) && fs.statSync(full).isDirectory();
}

process.exitCode = await main();
