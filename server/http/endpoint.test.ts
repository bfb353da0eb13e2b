import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { pathOf, type AnyRoute } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { CastBallotRequest } from '../../shared/api/votes.js';
import type { Actor } from '../../shared/domain/roles.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { apiRoutes, createApp } from '../app.js';
import { castBallot } from '../commands/castBallot.js';
import { changeStage } from '../commands/changeStage.js';
import { on } from './endpoint.js';

/** A request to `route` whose every path parameter is malformed and whose body is not what it reads. */
function malformed(route: AnyRoute): { path: string; body: unknown } {
  const params = Object.fromEntries(Object.keys(route.schemas.params ?? {}).map((name) => [name, '!!']));
  return { path: pathOf(route, { params } as never), body: { unexpected: ['x'.repeat(200)] } };
}

describe('the edge of every route (auth() and validate() by the route table)', () => {
  let server: TestServer;
  let anonymous: ApiClient;
  let kazHead: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_BURST: '0' });
    anonymous = server.anonymous();
    kazHead = await server.login('kaz-head');
  });
  afterAll(() => server?.close());

  it('registers every route of the live router from the table, and every entry of the table', () => {
    const live = apiRoutes(
      createApp(server.ctx, { endUserConnections: () => {}, endSessionConnections: () => {} }),
    ).sort();
    const table = Object.values(ROUTES)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(live).toEqual(table);
  });

  it('answers an anonymous caller 401 on every route not open to anyone, before reading its path or body', async () => {
    const answers: string[] = [];
    for (const [name, route] of Object.entries(ROUTES)) {
      if (route.open) continue;
      const { path, body } = malformed(route);
      const res = await anonymous.request(route.method, path, route.method === 'GET' ? undefined : body);
      answers.push(`${name}: ${res.status} ${res.body?.error?.id}`);
    }
    expect(answers.filter((a) => !a.endsWith(': 401 not_authenticated'))).toEqual([]);
    expect(answers.length).toBeGreaterThan(45);
  });

  it('lets anyone use the open routes', async () => {
    expect((await anonymous.call(ROUTES.health)).body).toEqual({ ok: true });
    expect((await anonymous.call(ROUTES.publicKey)).body.algorithm).toBe('Ed25519');
    expect((await anonymous.call(ROUTES.logout)).status).toBe(204);
  });

  it('answers a malformed path parameter 400 invalid_input, as the routes always did (no field: it is the path)', async () => {
    for (const route of [ROUTES.vote, ROUTES.castBallot, ROUTES.deleteClause, ROUTES.designateAlternate]) {
      const { path } = malformed(route);
      const res = await kazHead.request(route.method, path, route.method === 'GET' ? undefined : {});
      expect(res.status, path).toBe(400);
      expect(res.body.error.id).toBe('invalid_input');
      expect(res.body.error.field, path).toBeUndefined();
    }
  });

  it('answers a malformed body or query 400 invalid_input naming the field, and changes nothing', async () => {
    const before = (await server.ctx.store.audit.head())?.seq;
    const ballot = await kazHead.request('POST', '/api/votes/some-vote/ballots', { choice: 'maybe' });
    expect([ballot.status, ballot.body.error.id, ballot.body.error.field]).toEqual([400, 'invalid_input', 'choice']);
    const list = await kazHead.request('GET', '/api/documents/almaty-declaration/comments?status=closed');
    expect([list.status, list.body.error.id, list.body.error.field]).toEqual([400, 'invalid_input', 'status']);
    const revision = await kazHead.request('GET', '/api/documents/almaty-declaration?revision=!!');
    expect([revision.status, revision.body.error.id, revision.body.error.field]).toEqual([
      400,
      'invalid_input',
      'revision',
    ]);
    expect((await server.ctx.store.audit.head())?.seq).toBe(before);
  });

  it('hands the handler what the schemas made of the request (a delegation code upper-cased, defaults filled in)', async () => {
    const res = await kazHead.call(ROUTES.alternate, { params: { code: 'kaz' } });
    expect(res.status).toBe(200);
    expect(res.body.delegation).toBe('KAZ');
    // The head of the delegation sees who may be designated.
    expect(res.body.candidates?.length).toBeGreaterThan(0);
    const doc = await kazHead.call(ROUTES.document, {
      params: { id: 'almaty-declaration' },
      query: { include: 'content' },
    });
    expect(doc.status).toBe(200);
    expect(doc.body.clauses[0]).toHaveProperty('content');
  });

  // Checked by `tsc` (`npm run typecheck`): the server's side of the contract.
  it('types each handler by its entry: an Actor on signed-in routes, the parsed body, the answer', () => {
    expectTypeOf(castBallot).parameter(1).toEqualTypeOf<Actor>();
    expectTypeOf(changeStage).parameter(1).toEqualTypeOf<Actor>();
    const unused = (router: Router): void => {
      on(router, ROUTES.castBallot, (req, res) => {
        expectTypeOf(req.actor).toEqualTypeOf<Actor>();
        expectTypeOf(req.body).toEqualTypeOf<CastBallotRequest>();
        expectTypeOf(req.params).toEqualTypeOf<{ id: string }>();
        // @ts-expect-error — a ballot's answer is a BallotJson
        res.json({ ok: true });
      });
      on(router, ROUTES.login, (req) => {
        expectTypeOf(req.actor).toEqualTypeOf<Actor | undefined>();
      });
    };
    expect(unused).toBeTypeOf('function');
    expect(Router).toBeTypeOf('function');
  });
});
