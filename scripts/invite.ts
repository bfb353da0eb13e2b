import { HttpError } from '../server/http/errors.js';
import { configuredUrl } from '../server/http/publicUrl.js';
import { FileExistsError, isTaken, writePrivateFile } from '../server/db/privateFiles.js';
import { issueLoginLinks } from '../server/commands/admin.js';
import type { UserRow } from '../server/db/repositories/users.js';
import { parseArgs, withContext } from './context.js';
import { inviteSheetHtml } from './inviteSheet.js';

const USAGE = `Issues one-time login links (only their hashes are stored: print or hand them out now).

  npm run invite -- --delegation KAZ [--hours 72] [--base-url https://accord.example] [--out sheet.html [--force]]
  npm run invite -- --users chair,secretariat
  npm run invite -- --all

Uses DATA_DIR (or DATABASE_URL) like the server (default ./data). The sheet holds live links: it is written
for its owner only (mode 0600), never over an existing file unless --force, and never through a link.`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help') || (!args.has('delegation') && !args.has('users') && !args.has('all'))) {
    console.log(USAGE);
    return args.has('help') ? 0 : 2;
  }
  const out = args.get('out');
  // Refused before any link is issued; `writePrivateFile` refuses again should something appear meanwhile.
  if (typeof out === 'string' && !args.has('force') && isTaken(out)) {
    console.error(new FileExistsError(out).message);
    return 1;
  }
  return withContext(async ({ ctx, config }) => {
    let users: UserRow[];
    if (typeof args.get('users') === 'string') {
      users = [];
      for (const name of String(args.get('users')).split(',')) {
        const user = await ctx.store.users.byUsername(name.trim());
        if (!user) throw HttpError.of('user_not_found', `No user ${name.trim()}.`);
        users.push(user);
      }
    } else if (typeof args.get('delegation') === 'string') {
      const code = String(args.get('delegation')).toUpperCase();
      if (!(await ctx.store.delegations.get(code)))
        throw HttpError.of('delegation_not_found', `No delegation ${code}.`);
      users = await ctx.store.users.byDelegation(code);
    } else {
      users = (await ctx.store.users.list()).filter((u) => u.role !== 'admin');
    }
    const hours = Number(args.get('hours') ?? 72);
    if (!Number.isInteger(hours) || hours < 1 || hours > 720)
      throw HttpError.of('invalid_input', '--hours must be a whole number from 1 to 720.');
    const base = String(args.get('base-url') ?? config.PUBLIC_URL ?? configuredUrl(config));
    const links = await issueLoginLinks(ctx, null, users, hours, base);
    for (const link of links) console.log(`${link.username.padEnd(22)} ${link.url}`);
    if (typeof out === 'string') {
      try {
        writePrivateFile(out, inviteSheetHtml(links, (await ctx.store.conferences.current())?.name ?? 'Accord'), {
          force: args.has('force'),
        });
      } catch (error) {
        // The links are issued and printed above; only the sheet is missing.
        if (error instanceof FileExistsError) {
          console.error(`${error.message} The links above are issued; no sheet was written.`);
          return 1;
        }
        throw error;
      }
      console.log(`Printable sheet written to ${out}`);
    }
    return 0;
  });
}

process.exitCode = await main();
