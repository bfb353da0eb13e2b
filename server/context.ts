import type { Config } from './config.js';
import type { Store } from './db/store.js';
import type { DocRegistry } from './collab/registry.js';
import type { Broadcaster } from './realtime/broadcast.js';
import type { SigningKey } from './ledger/signingKey.js';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * What every route and command is given: configuration, storage, live documents, the event outlet and the
 * conference's signing key (checkpoints, receipts, packages).
 */
export interface AppContext {
  config: Config;
  store: Store;
  signingKey: SigningKey;
  registry: DocRegistry;
  broadcast: Broadcaster;
  log: Logger;
}

export function consoleLogger(level: Config['LOG_LEVEL']): Logger {
  const quiet = level === 'silent';
  return {
    info: (message) => {
      if (!quiet) console.log(message);
    },
    error: (message, error) => {
      if (!quiet || process.env.ACCORD_DEBUG) console.error(message, error ?? '');
    },
  };
}
