import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TEXT_LIMITS, type TextLimits } from '../shared/domain/limits.js';

const boolish = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** `VAR=` in a shell or an .env file means unset. */
function unsetWhenEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema);
}

const env = z.object({
  /** Port to listen on; 0 picks a free one. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind. Default 127.0.0.1 (use 0.0.0.0 behind a proxy or on a LAN). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the SQLite database lives. Default ./data. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** `demo` seeds the demo conference into an empty database; `none` starts empty. Default demo. */
  SEED: z.enum(['demo', 'none']).default('demo'),
  /** Password of every demo account. Default "demo". */
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  /**
   * Origins (scheme://host:port, comma-separated) that may send state-changing requests, besides the
   * server's own. Needed when Accord is served under a public name through a proxy.
   */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Public base URL used in login links. Default http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Session lifetime in hours. Default 14 days. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  /** Failed logins allowed per user and address in 15 minutes before 429. Default 10. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  /**
   * Live sockets one person may hold open on each door (socket.io, and the collab socket), across tabs and
   * devices; the next one is refused with `too_many_connections` (HTTP 429 at the collab upgrade, a
   * connect_error on socket.io). A browser tab holds one of each. 0 lifts the limit. Default 20.
   */
  MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(0).default(20),
  /**
   * HTTP commands (state-changing requests) one person may send at once, before the rate below holds them
   * (429 `rate_limited` with Retry-After). 0 lifts the limit. Default 60.
   */
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(60),
  /** HTTP commands one person may send a minute once the burst is spent. Default 120. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /**
   * Answers kept for `Idempotency-Key` retries per person (the newest; each for at most 24 hours). Default
   * 1,000.
   */
  IDEMPOTENCY_KEYS_PER_PERSON: z.coerce.number().int().min(1).default(1000),
  /**
   * Worker threads rendering exports (PDF, DOCX, the package and the rest), off the event loop. Default: the
   * machine's cores less one, at least 1, at most 4.
   */
  EXPORT_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, Math.min(4, os.cpus().length - 1))),
  /**
   * The nice value of the threads working beside the event loop (export renders, imports, the folding of a
   * document's history, password hashing), read by each from the environment
   * (`server/threads/threadPriority.ts`); 0 leaves them at the process's priority. Default 19.
   */
  BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(19),
  /** Exports one person may have under way at once; the next is refused with 429 `export_limit`. Default 2. */
  EXPORT_PER_USER: z.coerce.number().int().min(1).default(2),
  /** Characters one clause may hold (collab, amendments, imports, the clause API). Default 20,000. */
  MAX_CLAUSE_CHARS: z.coerce.number().int().min(100).default(DEFAULT_TEXT_LIMITS.clauseChars),
  /** Characters a whole document may hold, all clauses together. Default 2,000,000. */
  MAX_DOCUMENT_CHARS: z.coerce.number().int().min(1000).default(DEFAULT_TEXT_LIMITS.documentChars),
  /**
   * Viewers of the public gallery's event streams (`/public/:id/events`) this node serves at once, all documents
   * together; one more is answered 503 `gallery_full` (its browser retries). Default 10,000.
   */
  PUBLIC_GALLERY_MAX_VIEWERS: z.coerce.number().int().min(0).default(10_000),
  /** Seconds a public gallery page may be kept by browsers and proxies (`Cache-Control: public, max-age`). Default 5. */
  PUBLIC_GALLERY_MAX_AGE: z.coerce.number().int().min(0).max(3600).default(5),
  /**
   * Milliseconds between the public gallery's heartbeats: a comment to every viewer, so proxies keep the stream
   * open, and a fresh read of each watched document (what another node changed shows by then). Default 15,000.
   */
  PUBLIC_GALLERY_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Send cookies with the Secure flag (set when served over HTTPS). Default false. */
  SECURE_COOKIES: boolish.default(false),
  /** Trust X-Forwarded-* from a reverse proxy. Default false. */
  TRUST_PROXY: boolish.default(false),
  /**
   * PostgreSQL connection URL (`postgres://user:pass@host:5432/accord`). Unset: the embedded SQLite database in
   * DATA_DIR. Several nodes sharing one database must also share REDIS_URL.
   */
  DATABASE_URL: unsetWhenEmpty(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  /** Redis URL (`redis://host:6379`) for fan-out between nodes (Yjs updates, awareness, socket.io). Unset: one node. */
  REDIS_URL: unsetWhenEmpty(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  ),
  /**
   * The conference's Ed25519 signing key (PEM), which signs ledger checkpoints, ballot receipts and submission
   * packages. Unset: `DATA_DIR/signing-key.pem`, created on first start. Several nodes must all name one file.
   */
  SIGNING_KEY_FILE: unsetWhenEmpty(z.string().min(1).optional()),
  /** Connections each node keeps to PostgreSQL. Default 10. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * SMTP server for notifications by e-mail (`smtp://user:pass@host:587`, `smtps://…:465`; nodemailer's options
   * may follow as a query, e.g. `?tls.rejectUnauthorized=false`). Unset: no e-mail is queued or sent.
   */
  SMTP_URL: unsetWhenEmpty(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  /** The sender of notifications by e-mail (`Accord <accord@example.org>`). Default `Accord <accord@localhost>`. */
  SMTP_FROM: z.string().trim().min(3).default('Accord <accord@localhost>'),
  /** Where the built client lives. Default dist/client. */
  CLIENT_DIR: z.string().default('dist/client'),
  /** `silent` keeps start-up quiet (tests). Default info. */
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
});

export type Config = z.infer<typeof env> & { dataDir: string; allowedOrigins: string[]; textLimits: TextLimits };

/** Parses the environment once; throws a readable error naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // Nodes relaying to one another must share one database: with SQLite each would hold its own text.
  if (c.REDIS_URL && !c.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  REDIS_URL: several nodes need one shared database; set DATABASE_URL (postgres://…) too',
    );
  }
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    textLimits: { clauseChars: c.MAX_CLAUSE_CHARS, documentChars: c.MAX_DOCUMENT_CHARS },
    allowedOrigins: c.ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  };
}
