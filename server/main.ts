import { loadConfig } from './config.js';
import { startServer } from './index.js';
import { readDemoDelegations } from './seed/demoDocument.js';

/** `npm start`: read the environment, start Accord, say where it is, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const server = await startServer(config);
  const log = server.ctx.log;
  log.info(`Accord is serving on ${server.url}  (data: ${config.dataDir})`);
  const { file, created } = server.signing;
  log.info(
    `${created ? 'Created the conference signing key' : 'Signing key'} ${file}: ${server.ctx.signingKey.fingerprint} (publish the .pub.pem beside it)`,
  );
  if (config.SEED === 'demo') {
    const codes = readDemoDelegations();
    const sample = codes
      .slice(0, 3)
      .map((c) => `${c.toLowerCase()}-head, ${c.toLowerCase()}-delegate`)
      .join(', ');
    log.info(
      server.seeded
        ? 'Seeded the demo conference (WIC 2025, Almaty Declaration).'
        : 'Demo conference loaded from the database.',
    );
    log.info(
      `Demo accounts (password "${config.DEMO_PASSWORD === 'demo' ? 'demo' : '$DEMO_PASSWORD'}"): admin, chair, secretariat, observer,`,
    );
    log.info(`  and per delegation <iso3>-head and <iso3>-delegate for ${codes.length} delegations: ${sample}, …`);
  }
  const stop = (signal: string): void => {
    log.info(`${signal} received: closing.`);
    server.close().then(
      () => {
        log.info('Closed: every accepted change is stored.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Accord could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
