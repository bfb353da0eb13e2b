import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { startServer, type AccordServer } from '../../server/index.js';

/** A demo server of this process and what `close` leaves behind it. */
export interface DemoServer {
  server: AccordServer;
  url: string;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

/**
 * Accord with the demo conference on a fresh SQLite database in a temp dir, on a free loopback port, whatever
 * the shell's DATABASE_URL and REDIS_URL say: what the screenshots and the page benchmarks look at.
 */
export async function startDemoServer(name: string): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `accord-${name}-`));
  try {
    const server = await startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        REDIS_URL: '',
      }),
    );
    return {
      server,
      url: server.url,
      async close() {
        await server.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
