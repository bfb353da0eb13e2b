import type { Config } from './config.js';
import type { Store } from './db/store.js';
import type { DocRegistry } from './collab/registry.js';
import type { Events } from './realtime/events.js';
import type { SigningKey } from './ledger/signingKey.js';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * What every route and command is given: configuration, storage, live documents, the events announced after
 * commit (`realtime/events.ts`) and the conference's signing key (checkpoints, receipts, packages).
 */
export interface AppContext {
  config: Config;
  store: Store;
  signingKey: SigningKey;
  registry: DocRegistry;
  events: Events;
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
