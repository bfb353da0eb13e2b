import { loadConfig, type Config } from '../server/config.js';
import { consoleLogger, type AppContext } from '../server/context.js';
import { openDatabase } from '../server/db/connection.js';
import { Store } from '../server/db/store.js';
import { DocRegistry } from '../server/collab/registry.js';
import { silentBroadcaster } from '../server/realtime/broadcast.js';

/**
 * The server's context for command-line scripts: same configuration (DATA_DIR…), same database and
 * commands, no HTTP. SQLite's WAL lets a script run beside a live server.
 */
export function openContext(env: NodeJS.ProcessEnv = process.env): { ctx: AppContext; config: Config; close(): void } {
  const config = loadConfig(env);
  const store = new Store(openDatabase(config.dataDir));
  const ctx: AppContext = { config, store, registry: new DocRegistry(store), broadcast: silentBroadcaster, log: consoleLogger(config.LOG_LEVEL) };
  return { ctx, config, close: () => store.db.close() };
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
