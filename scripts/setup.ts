import { setUpConference } from '../server/commands/setUpConference.js';
import { publicKeyFileOf } from '../server/ledger/signingKey.js';
import { parseArgs, withContext } from './context.js';

const USAGE = `Sets up an installation started with SEED=none: the conference and its first admin, who signs in
with the one-time link printed (only its hash is stored) and then registers delegations and accounts.

  npm run setup -- --id wic-2027 --name "World Inclusion Congress 2027" --place "Tashkent, Uzbekistan" \\
    --starts 2027-10-12 --ends 2027-10-14 --admin alice --admin-name "Alice Martin" \\
    [--hours 72] [--base-url https://accord.example]

Uses DATA_DIR (or DATABASE_URL) like the server (default ./data). Creates the conference's signing key in
DATA_DIR (or reads SIGNING_KEY_FILE) and prints its fingerprint, to publish.`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const text = (name: string): string | undefined => {
    const value = args.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  if (args.has('help') || !text('id') || !text('name') || !text('admin')) {
    console.log(USAGE);
    return args.has('help') ? 0 : 2;
  }
  const hours = Number(text('hours') ?? 72);
  if (!Number.isInteger(hours) || hours < 1 || hours > 720) {
    console.error('--hours must be a whole number from 1 to 720.');
    return 1;
  }
  return withContext(async ({ ctx, config, signing }) => {
    const link = await setUpConference(
      ctx,
      {
        id: text('id')!,
        name: text('name')!,
        place: text('place'),
        startsOn: text('starts') ?? null,
        endsOn: text('ends') ?? null,
        admin: { username: text('admin')!, displayName: text('admin-name') ?? text('admin')! },
      },
      hours,
      text('base-url') ?? config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    );
    console.log(
      `Conference ${text('name')} is set up. Sign-in link for ${link.username} (valid until ${link.expiresAt}):`,
    );
    console.log(link.url);
    const { fingerprint } = ctx.signingKey;
    console.log(
      `${signing.created ? 'Created the conference signing key' : 'Conference signing key'} ${signing.file}: ${fingerprint}`,
    );
    console.log(
      `Publish ${publicKeyFileOf(signing.file)} and its fingerprint, so anyone can check the ledger and the packages.`,
    );
    return 0;
  });
}

process.exitCode = await main();
