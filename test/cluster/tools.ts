import { afterAll } from 'vitest';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { readClause } from '../../shared/editor/ydoc.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { startRedis, type LocalRedis } from '../../scripts/lib/engines.js';
import { stockProvider, syncedProvider } from '../helpers/collabClient.js';
import { usePostgres } from '../helpers/engines.js';
import type { ApiClient } from '../helpers/server.js';

/** What the multi-node tests share: the demo declaration, and small tools to type, read and follow. */

export const DOC = 'almaty-declaration';

export interface Engines {
  databaseUrl: string;
  redisUrl: string;
  redis: LocalRedis;
}

/**
 * Engines for a `describeCluster` body: one PostgreSQL server for the file, and for each call of `fresh()`
 * a new database and a Redis of its own, so clusters of different tests never hear each other's channels
 * (every cluster serves a document called `almaty-declaration`). All stop after the suite.
 */
export function useEngines(): { fresh(): Promise<Engines> } {
  const postgres = usePostgres();
  const redises: LocalRedis[] = [];
  afterAll(async () => {
    await Promise.all(redises.map((r) => r.stop()));
  });
  return {
    async fresh() {
      const [databaseUrl, redis] = await Promise.all([postgres.freshDatabaseUrl(), startRedis()]);
      redises.push(redis);
      return { databaseUrl, redisUrl: redis.url, redis };
    },
  };
}

/** A clause's plain text in a Y.Doc, the way `GET /api/documents/:id` renders it. */
export function plainClause(doc: Y.Doc, clauseId: string): string {
  return clauseToPlainText(readClause(doc, clauseId));
}

/** A clause's text as a node serves it over HTTP. */
export async function servedClause(api: ApiClient, clauseId: string): Promise<string> {
  const res = await api.get(`/api/documents/${DOC}`);
  if (res.status !== 200)
    throw new Error(`GET /api/documents/${DOC} on ${api.baseUrl}: ${res.status} ${JSON.stringify(res.body)}`);
  const clause = (res.body as { clauses: { id: string; text: string }[] }).clauses.find((c) => c.id === clauseId);
  if (!clause) throw new Error(`clause ${clauseId} missing on ${api.baseUrl}`);
  return clause.text;
}

/** Stock y-websocket providers, destroyed after the suite. */
export function useProviders(): { open(baseUrl: string, cookie: string): Promise<WebsocketProvider> } {
  const providers: WebsocketProvider[] = [];
  afterAll(() => providers.forEach((p) => p.destroy()));
  return {
    async open(baseUrl, cookie) {
      const provider = stockProvider(baseUrl, DOC, cookie);
      providers.push(provider);
      await syncedProvider(provider);
      return provider;
    },
  };
}

/** Waits until `check` resolves true, polling every 50 ms; fails naming `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
