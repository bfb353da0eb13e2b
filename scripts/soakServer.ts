/** The fault script's server: its data prepared once, then started as its own process after every kill. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createDocument } from '../server/commands/createDocument.js';
import { seedDemo } from '../server/seed/demo.js';
import { openContext } from './context.js';
import { SINGLE_NODE, VOTES } from './soakCheck.js';

/** Seeds the demo conference and a second declaration, in negotiation, to vote on. */
export async function prepare(dataDir: string): Promise<void> {
  const { ctx, close } = await openContext({ ...process.env, ...SINGLE_NODE, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  try {
    await seedDemo(ctx, 'demo');
    const conference = (await ctx.store.conferences.current())!;
    await createDocument(ctx, null, {
      id: VOTES,
      conferenceId: conference.id,
      title: 'Fault-script votes',
      symbol: 'SOAK/1',
      stage: 'negotiation',
      clauses: Array.from({ length: 40 }, (_, i) => ({
        kind: 'operative' as const,
        text: `*Decides* on item ${i + 1}.`,
      })),
    });
  } finally {
    await close();
  }
}

export interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** The node arguments that start the server and `verify-ledger`: from the TypeScript sources, or from their bundles. */
export interface Programs {
  server: string[];
  verifyLedger: string[];
}

/** What `npm run soak` runs by default: the sources, through the TypeScript loader, as they are in the checkout. */
export const FROM_SOURCES: Programs = {
  server: ['--import', 'tsx', 'server/main.ts'],
  verifyLedger: ['--import', 'tsx', 'scripts/verify-ledger.ts'],
};

/**
 * `--built`: the bundles of `npm run build:server` in `dist/server/`, on plain Node as a production install runs
 * them — each start skips the loader's transpiling, a second or more of the restart that every cycle waits for.
 */
export const FROM_BUNDLES: Programs = {
  server: ['--enable-source-maps', 'dist/server/main.js'],
  verifyLedger: ['--enable-source-maps', 'dist/server/verify-ledger.js'],
};

export function startServer(dataDir: string, logFile: number, programs: Programs): Promise<Server> {
  const child = spawn(process.execPath, programs.server, {
    env: {
      ...process.env,
      ...SINGLE_NODE,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SEED: 'demo',
    },
    stdio: ['ignore', 'pipe', logFile],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Accord is serving on (http:\/\/\S+)/.exec(line);
      if (match) resolve({ child, url: match[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before serving`)));
  });
}
