import fs from 'node:fs';
import { inject } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import { startServer, type AccordServer, type ServerOptions } from '../../server/index.js';
import { createDatabase } from '../../scripts/lib/engines.js';
import { copySeededDatabase, copySeededFiles, seedsAsPrepared } from './seededData.js';
import { pathOf, type AnyRoute, type RequestArgs, type RequestOf, type ResponseOf } from '../../shared/api/route.js';

export interface TestServer extends AccordServer {
  dataDir: string;
  /** A signed-in API client for a demo account (password "demo"). */
  login(username: string, password?: string): Promise<ApiClient>;
  /** An API client without a session. */
  anonymous(): ApiClient;
}

const postgresOf = new Map<string, string>();

/**
 * Starts a real Accord server on 127.0.0.1, port 0, with its own temporary DATA_DIR (removed on close) and
 * the demo seed unless `SEED: 'none'` is given: a copy of the demo conference the run seeded once, unless `env`
 * changes what seeding makes (`seededData.ts`), when the server seeds itself. Pass `dataDir` to restart on an existing directory, `server`
 * for what the environment does not set (the batch window).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; keepData?: boolean; server?: ServerOptions } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'accord-test-'));
  // In the `postgres` test project (vitest.config.ts) every server gets a fresh database on its PostgreSQL.
  const postgresUrl = inject('postgresUrl') as string | undefined;
  // A new server that would seed the demo conference starts from the run's seeded copy instead (`seededData.ts`).
  const seeded =
    !options.dataDir && seedsAsPrepared(env) ? inject(postgresUrl ? 'postgresSeeded' : 'seeded') : undefined;
  if (seeded) copySeededFiles(seeded, dataDir);
  let postgres = {};
  if (postgresUrl && !env.DATABASE_URL) {
    // A restart on the same directory finds the same database.
    let url = postgresOf.get(dataDir);
    if (!url) {
      const name = `t_${path.basename(dataDir).replace(/\W/g, '_').toLowerCase()}`;
      url = seeded ? await copySeededDatabase(seeded, postgresUrl, name) : await createDatabase(postgresUrl, name);
      postgresOf.set(dataDir, url);
    }
    postgres = { DATABASE_URL: url };
  }
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...postgres,
    ...env,
  });
  const server = await startServer(config, undefined, options.server);
  const close = server.close;
  return {
    ...server,
    dataDir,
    async close() {
      await close();
      if (!options.keepData && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    anonymous: () => new ApiClient(server.url),
    async login(username, password = 'demo') {
      const client = new ApiClient(server.url);
      const res = await client.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A tiny HTTP client for tests: keeps the session cookie, sends the server's own Origin on state-changing
 * requests (as a browser would), and parses JSON answers.
 */
export class ApiClient {
  cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  get<T = any>(pathname: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', pathname);
  }

  post<T = any>(pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', pathname, body, headers);
  }

  /**
   * A request by the route table (`shared/api/routes.ts`), typed both ways: `call(ROUTES.castBallot, { params:
   * { id }, body: { choice: 'yes' } })`. The body on success has the route's answer type; on a refusal it is the
   * error body (check `status` first).
   */
  call<T extends AnyRoute>(
    route: T,
    ...[input, headers]: RequestArgs<T, Record<string, string>>
  ): Promise<ApiResponse<ResponseOf<T>>> {
    const given = input as unknown as RequestOf<T> | undefined;
    const body = (given as { body?: unknown } | undefined)?.body;
    return this.request<ResponseOf<T>>(
      route.method,
      pathOf(route, given),
      route.method === 'POST' ? (body ?? {}) : body,
      headers,
    );
  }

  async request<T = any>(
    method: string,
    pathname: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (method !== 'GET' && method !== 'HEAD' && !('origin' in headers)) headers.origin = this.baseUrl;
    if (headers.origin === '') delete headers.origin;
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body instanceof Uint8Array) {
      // An upload (a Word file): sent as its bytes, under the content type the caller gives.
      payload = new Uint8Array(body);
    } else if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetchRetryingReset(this.baseUrl + pathname, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const match = /accord_session=([^;]*)/.exec(setCookie);
      if (match) this.cookie = match[1] ? `accord_session=${match[1]}` : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

/** Methods that change nothing when repeated; a POST is repeatable only under an `Idempotency-Key`. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Errors of a pooled connection the server closed just as the request went out on it. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * `fetch`, sending a repeatable request once more when the keep-alive connection it went out on was reset:
 * the server may close an idle pooled connection at the moment the client reuses it, and the request never
 * reached it. A request that cannot safely be repeated fails as it did.
 */
export async function fetchRetryingReset(
  url: string,
  init: RequestInit & { method: string; headers: Record<string, string> },
): Promise<Response> {
  const repeatable =
    IDEMPOTENT.has(init.method) || Object.keys(init.headers).some((h) => h.toLowerCase() === 'idempotency-key');
  // Each attempt may land on another stale pooled connection; the pool holds only a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (!repeatable || attempt >= 4 || !code || !RESET_CODES.has(code)) throw error;
    }
  }
}
