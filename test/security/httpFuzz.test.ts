import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOCX_MEDIA_TYPE } from '../../shared/api/import.js';
import * as Y from 'yjs';
import { ACTIONS, decide, stagesFor, type Action } from '../../shared/domain/permissions.js';
import type { Role } from '../../shared/domain/roles.js';
import type { Stage } from '../../shared/domain/stages.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';
import { LiveFixtures, ROLE_USERS } from './fixtures.js';
import { ROUTES, type RouteRequest, type RouteRow } from './routeTable.js';
import { StateWatch } from './stateDigest.js';

const DOC = 'almaty-declaration';
/** Runs of the property; `FUZZ_RUNS=20000` for the long form. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20251015);

/** Someone the table allows to take the route's action, and a stage where they may. */
function authorised(row: RouteRow): { role: keyof typeof ROLE_USERS; stage: Stage } {
  if (row.governedBy === 'public' || row.governedBy === 'signed-in') return { role: 'head', stage: 'drafting' };
  const action: Action = row.governedBy;
  for (const role of [
    'secretariat',
    'chair',
    'head',
    'admin',
    'delegate',
    'observer',
  ] as const satisfies readonly Role[]) {
    const stage = stagesFor(action, role)[0];
    if (
      stage &&
      decide({ role, delegation: role === 'head' || role === 'delegate' ? 'KAZ' : null }, action, { stage }).allowed
    )
      return { role, stage };
  }
  throw new Error(`nobody may ${action}`);
}

/** A request body as sent on the wire: raw text and its content type. */
interface Wire {
  kind: string;
  body: string | Uint8Array<ArrayBuffer> | undefined;
  contentType: string | undefined;
}

const json = (value: unknown): string => JSON.stringify(value);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isAdmin'];

/** Bodies of every kind a hostile client might send, shaped around the route's valid body. */
/**
 * Hostile uploads for a route whose valid body is a file (a Word draft): random bytes, the file with bytes
 * overwritten or cut short, and the file under the wrong content type.
 */
function uploadBodies(valid: Uint8Array): fc.Arbitrary<Wire> {
  const upload =
    (kind: string) =>
    (body: Uint8Array): Wire => ({ kind, body: Uint8Array.from(body), contentType: DOCX_MEDIA_TYPE });
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map(upload('random bytes')),
    fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }).map(({ at, bytes }) => {
      const file = Uint8Array.from(valid);
      const start = at % file.length;
      file.set(bytes.subarray(0, file.length - start), start);
      return upload('overwritten bytes')(file);
    }),
    fc.nat().map((n) => upload('truncated file')(valid.subarray(0, n % valid.length))),
    fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', '').map((type) => ({
      kind: 'upload, wrong content type',
      body: Uint8Array.from(valid),
      contentType: type || undefined,
    })),
    fc.constant<Wire>({ kind: 'no body', body: undefined, contentType: undefined }),
  );
}

function wireBodies(valid: unknown): fc.Arbitrary<Wire> {
  if (valid instanceof Uint8Array) return uploadBodies(valid);
  const validObject = valid && typeof valid === 'object' ? (valid as Record<string, unknown>) : {};
  const keys = Object.keys(validObject);
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const strings = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '‮',
      'null',
      '<script>alert(1)</script>',
      "'; DROP TABLE votes; --",
      '../../etc/passwd',
    ),
  );
  const fieldValue = fc.oneof(
    anyJson,
    strings,
    fc.constantFrom(null, true, -1, 0, 1e308, Number.MAX_SAFE_INTEGER, [], {}),
  );
  const wire =
    (kind: string, contentType = 'application/json') =>
    (body: string): Wire => ({ kind, body, contentType });
  return fc.oneof(
    // Arbitrary JSON documents.
    anyJson.map((v) => wire('arbitrary json')(json(v))),
    // The valid body with fields replaced, dropped or added.
    fc
      .record({
        replace: fc.subarray(keys),
        drop: fc.subarray(keys),
        values: fc.array(fieldValue, { minLength: keys.length, maxLength: keys.length }),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), fieldValue, { maxKeys: 3 }),
      })
      .map(({ replace, drop, values, extra }) => {
        const body: Record<string, unknown> = { ...validObject, ...extra };
        replace.forEach((key) => (body[key] = values[keys.indexOf(key)]));
        for (const key of drop) delete body[key];
        return wire('mutated body')(json(body));
      }),
    // Prototype pollution, at the top and nested, written as raw JSON so the keys survive.
    fc
      .record({ key: fc.constantFrom(...POLLUTION_KEYS), nested: fc.boolean(), value: fieldValue })
      .map(({ key, nested, value }) => {
        const payload = `{"${key}":{"role":"admin","isAdmin":true,"polluted":${json(value)}}}`;
        const base = json(validObject).slice(1, -1);
        const inner =
          nested && keys.length
            ? json(validObject).replace(/^\{"([^"]+)":/, `{"$1":${payload},"_":`)
            : `{${base}${base ? ',' : ''}"${key}":{"role":"admin","polluted":true}}`;
        return wire('prototype pollution')(inner);
      }),
    // Deep nesting.
    fc
      .integer({ min: 50, max: 60_000 })
      .map((depth) => wire('deep nesting')(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    fc
      .integer({ min: 50, max: 20_000 })
      .map((depth) => wire('deep nesting')(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
    // Huge strings in every field, near and over the body limit.
    fc
      .integer({ min: 10_000, max: 300_000 })
      .map((size) =>
        wire('huge string')(
          json(Object.fromEntries((keys.length ? keys : ['text']).map((k) => [k, 'ä'.repeat(size / 2)]))),
        ),
      ),
    // Unicode of every plane, lone surrogates, bidi controls.
    fc
      .string({ unit: 'binary', minLength: 1, maxLength: 200 })
      .map((s) => wire('unicode')(json(Object.fromEntries((keys.length ? keys : ['body']).map((k) => [k, s]))))),
    // Not JSON at all, or cut short.
    fc
      .oneof(
        fc.string(),
        fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
      )
      .map(wire('malformed')),
    fc.nat().map((n) => {
      const text = json(valid ?? {});
      return wire('truncated')(text.slice(0, n % Math.max(1, text.length)));
    }),
    // Right body, wrong content type (or none).
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        '',
      )
      .map((type) => ({
        kind: 'wrong content type',
        body:
          type === 'application/x-www-form-urlencoded'
            ? new URLSearchParams(Object.entries(validObject).map(([k, v]) => [k, String(v)])).toString()
            : json(valid ?? {}),
        contentType: type || undefined,
      })),
    fc.constant<Wire>({ kind: 'no body', body: undefined, contentType: undefined }),
  );
}

/** How a request's path is spoiled: its last segment or its first id replaced by junk, or junk query added. */
type PathMutation =
  | { kind: 'none' }
  | { kind: 'last segment' | 'first id'; junk: string }
  | { kind: 'query'; query: Record<string, string> };

const pathMutations: fc.Arbitrary<PathMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<PathMutation>({ kind: 'none' }) },
  fc.string({ unit: 'binary', maxLength: 80 }).map((junk): PathMutation => ({ kind: 'last segment', junk })),
  fc
    .constantFrom('%00', '..%2F..%2Fadmin', 'a'.repeat(5000), '%E0%A4%A', '__proto__', 'constructor', '..')
    .map((junk): PathMutation => ({ kind: 'first id', junk })),
  fc
    .dictionary(
      fc.constantFrom(
        'revision',
        'format',
        'include',
        'from',
        'to',
        'since',
        'clauseId',
        'status',
        '__proto__',
        'everywhere',
        'delegation',
      ),
      fc.string({ maxLength: 40 }),
      { maxKeys: 3 },
    )
    .map((query): PathMutation => ({ kind: 'query', query })),
);

function spoil(path: string, mutation: PathMutation): string {
  switch (mutation.kind) {
    case 'none':
      return path;
    case 'last segment': {
      const [bare, query] = path.split('?') as [string, string | undefined];
      return bare.replace(/[^/]*$/, encodeURIComponent(mutation.junk) || '%20') + (query ? `?${query}` : '');
    }
    case 'first id':
      return path.replace(/^(\/api\/[a-z-]+\/)[^/?]+/, `$1${mutation.junk}`);
    case 'query': {
      const params = new URLSearchParams(mutation.query).toString();
      return params ? `${path}${path.includes('?') ? '&' : '?'}${params}` : path;
    }
  }
}

const STACK_TRACE = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+|Error:/;

/**
 * Property-based fuzzing of the HTTP API: arbitrary and hostile bodies, paths and content types at every route
 * in the route table, as a person the permissions table allows. Whatever is sent: no 5xx, every error is the
 * JSON error body without a stack trace, nothing is polluted, and a refused request changes nothing stored.
 */
describe('HTTP fuzzing (fast-check)', () => {
  let server: TestServer;
  let fixtures: LiveFixtures;
  let watch: StateWatch;
  const clients = new Map<string, ApiClient>();
  const tally = {
    requests: 0,
    refused: 0,
    accepted: 0,
    byStatus: new Map<number, number>(),
    byKind: new Map<string, number>(),
  };

  beforeAll(async () => {
    // Failed logins are part of the input: the rate limit must not turn every later login into a 429; nor may
    // the rate limit on commands turn the rest into 429s.
    server = await startTestServer({ LOGIN_MAX_FAILURES: '1000000', RATE_LIMIT_BURST: '0' });
    fixtures = await LiveFixtures.create(server.ctx, DOC);
    watch = new StateWatch(server.ctx);
    await server.ctx.store.alternates.set(
      'KAZ',
      (await fixtures.actor('kaz-delegate')).userId,
      (await fixtures.actor('kaz-head')).userId,
    );
  });
  afterAll(async () => {
    await server?.close();
    const statuses = [...tally.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `HTTP fuzzing: ${tally.requests} requests (${tally.accepted} accepted, ${tally.refused} refused); statuses ${statuses}`,
    );
  });

  /** The person's shared session; a fresh one for logout, none for signing in. */
  async function clientFor(row: RouteRow, role: keyof typeof ROLE_USERS): Promise<ApiClient> {
    if (row.ownSession)
      return row.route === 'POST /api/auth/logout' ? server.login(ROLE_USERS[role]) : server.anonymous();
    let client = clients.get(role);
    if (!client) {
      client = await server.login(ROLE_USERS[role]);
      clients.set(role, client);
    }
    return client;
  }

  it("the change detector sees a stored row, a changed live text, and not a rolled-back write or a refusal's record", async () => {
    const { store, registry } = server.ctx;
    await watch.mark();
    expect(await watch.unchanged()).toBe(true);
    // A failed sign-in is counted for the rate limit: the record of a refusal, not a change it made.
    expect((await server.anonymous().post('/api/auth/login', { username: 'nobody', password: 'wrong' })).status).toBe(
      401,
    );
    expect(await watch.unchanged()).toBe(true);
    await store.transaction(() => store.documents.setClauseStatus(DOC, fixtures.other, 'bracketed'));
    expect(await watch.unchanged()).toBe(false);
    await watch.mark();
    await expect(
      store.transaction(async () => {
        await store.documents.setClauseStatus(DOC, fixtures.other, 'open');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await watch.unchanged()).toBe(true);
    await registry.change(DOC, { userId: null, delegation: null }, (doc) =>
      doc.getXmlFragment(`clause/${fixtures.other}`).insert(0, [new Y.XmlElement('paragraph')]),
    );
    expect(await watch.unchanged()).toBe(false);
    await watch.mark();
    await registry.unload(DOC);
    await registry.get(DOC);
    expect(await watch.unchanged()).toBe(true);
  });

  it(
    'every route survives hostile input: no 5xx, JSON errors without traces, no change when refused',
    async () => {
      expect(
        ROUTES.every(
          (r) => r.governedBy === 'public' || r.governedBy === 'signed-in' || ACTIONS.includes(r.governedBy),
        ),
      ).toBe(true);
      // Generators cannot wait for the fixtures, so each route's valid body is made once, before the runs.
      const samples = new Map<RouteRow, RouteRequest>();
      for (const row of ROUTES) samples.set(row, await row.request(fixtures));
      const cases = fc.constantFrom(...ROUTES).chain((row) => {
        const sample = samples.get(row)!;
        return fc.record({ row: fc.constant(row), mutation: pathMutations, wire: wireBodies(sample.body) });
      });

      await fc.assert(
        fc.asyncProperty(cases, async ({ row, mutation, wire }) => {
          const [method] = row.route.split(' ') as [string];
          const { role, stage } = authorised(row);
          // Fresh objects for this request, then the stage in which this person may act.
          const request = await row.request(fixtures);
          await fixtures.setState(stage, 'open', request.clause);
          const target = spoil(request.path, mutation);
          const client = await clientFor(row, role);
          await watch.mark();
          const headers: Record<string, string> = {};
          if (wire.contentType) headers['content-type'] = wire.contentType;
          const res = await fetch(server.url + target, {
            method,
            headers: { ...headers, origin: server.url, ...(client.cookie ? { cookie: client.cookie } : {}) },
            body: method === 'GET' || method === 'HEAD' ? undefined : wire.body,
          });
          const text = await res.text();
          tally.requests += 1;
          tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
          tally.byKind.set(wire.kind, (tally.byKind.get(wire.kind) ?? 0) + 1);
          const label = `${method} ${target.slice(0, 120)} [${wire.kind}] → ${res.status} ${text.slice(0, 200)}`;

          expect(res.status, label).toBeLessThan(500);
          expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), 'Object.prototype polluted').toBe(
            false,
          );
          expect(({} as Record<string, unknown>).role, 'Object.prototype polluted').toBeUndefined();
          if (res.status >= 400) {
            tally.refused += 1;
            expect(res.headers.get('content-type') ?? '', label).toMatch(/^application\/json/);
            const body = JSON.parse(text) as { error?: { id?: unknown; message?: unknown; field?: unknown } };
            expect(Object.keys(body), label).toEqual(['error']);
            expect(body.error!.id, label).toMatch(/^[a-z][a-z0-9_]*$/);
            expect(typeof body.error!.message, label).toBe('string');
            // Beside them only the details an error documents (`DetailedErrorBody`): the unfinished work's list.
            const allowed = [
              'id',
              'message',
              'field',
              ...(body.error!.id === 'needs_acknowledgement' ? ['items'] : []),
            ];
            expect(
              Object.keys(body.error!).every((k) => allowed.includes(k)),
              label,
            ).toBe(true);
            expect(text, label).not.toMatch(STACK_TRACE);
            // A refused request changed nothing: not a row, not the live text.
            expect(await watch.unchanged(), `${label}: a refused request changed the state`).toBe(true);
            if (res.status === 401 && !row.ownSession && row.governedBy !== 'public') clients.delete(role);
          } else {
            tally.accepted += 1;
          }
          // Logging out everywhere is an accepted request; the next case signs in again.
          if (row.route === 'POST /api/auth/logout') for (const r of Object.keys(ROLE_USERS)) clients.delete(r);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(tally.requests).toBe(RUNS);
    },
    Math.max(60_000, RUNS * 200),
  );
});
