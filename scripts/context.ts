import { loadConfig, type Config } from '../server/config.js';
import { consoleLogger, type AppContext } from '../server/context.js';
import { openStorage } from '../server/db/connection.js';
import { Store } from '../server/db/store.js';
import { DocRegistry } from '../server/collab/registry.js';
import { Events } from '../server/realtime/events.js';
import { openSigningKey } from '../server/ledger/signingKey.js';

/**
 * The server's context for command-line scripts: same configuration (DATA_DIR or DATABASE_URL…), same
 * storage and commands, no HTTP. SQLite's WAL lets a script run beside a live server; on PostgreSQL it is one
 * more client of the shared database.
 */
export async function openContext(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ctx: AppContext; config: Config; signing: { file: string; created: boolean }; close(): Promise<void> }> {
  const config = loadConfig(env);
  const store = new Store(await openStorage({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL }));
  let signing;
  try {
    signing = openSigningKey(config);
  } catch (error) {
    await store.close();
    throw error;
  }
  const signingKey = signing.key;
  const log = consoleLogger(config.LOG_LEVEL);
  const registry = new DocRegistry(store, { log });
  // Scripts have no sockets: events go nowhere.
  const ctx: AppContext = { config, store, registry, events: new Events(store, log), log, signingKey };
  // The registry first: it commits what waits for its group commit and ends its compaction worker.
  const close = async (): Promise<void> => {
    try {
      await registry.close();
    } finally {
      await store.close();
    }
  };
  return { ctx, config, signing: { file: signing.file, created: signing.created }, close };
}

/**
 * Runs a script's work in the server's context and closes it after: an error (a command's refusal, bad
 * input) prints its message, not a stack, and makes the exit code 1; otherwise the work's code is returned.
 */
export async function withContext(
  work: (opened: { ctx: AppContext; config: Config; signing: { file: string; created: boolean } }) => Promise<number>,
): Promise<number> {
  const { ctx, config, signing, close } = await openContext();
  try {
    return await work({ ctx, config, signing });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await close();
  }
}

/** `--name value` and `--flag` arguments after `npm run x --`. */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out.set(key, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(key, argv[++i]!);
    else out.set(key, true);
  }
  return out;
}

/**
 * For scripts built on SQLite's own file tools (online backup, integrity check): the message refusing a
 * PostgreSQL target, or undefined when the configuration points at SQLite.
 */
export function sqliteOnly(config: Config, what: string): string | undefined {
  if (!config.DATABASE_URL) return undefined;
  return `${what} works on the embedded SQLite database only; DATABASE_URL points at PostgreSQL: use pg_dump / pg_restore there.`;
}
