import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AmendmentJson } from './amendments.js';
import { pathOf, type PathParams, type RequestOf, type ResponseOf } from './route.js';
import { ROUTES } from './routes.js';
import type { BallotJson, CastBallotRequest } from './votes.js';

describe('the route table', () => {
  it('builds a call’s path from its entry: parameters encoded, defined query values appended', () => {
    expect(pathOf(ROUTES.castBallot, { params: { id: 'v-1' }, body: { choice: 'yes' } })).toBe(
      '/api/votes/v-1/ballots',
    );
    expect(pathOf(ROUTES.moveClause, { params: { id: 'a b', clauseId: 'c/1' }, body: { after: null } })).toBe(
      '/api/documents/a%20b/clauses/c%2F1/move',
    );
    expect(pathOf(ROUTES.revisionDiff, { params: { id: 'doc' }, query: { from: 'r1', to: 'live' } })).toBe(
      '/api/documents/doc/revisions/diff?from=r1&to=live',
    );
    expect(
      pathOf(ROUTES.amendments, { params: { id: 'doc' }, query: { status: 'pending', clauseId: undefined } }),
    ).toBe('/api/documents/doc/amendments?status=pending');
    expect(pathOf(ROUTES.health)).toBe('/api/health');
  });

  it('refuses a call without one of its path’s parameters', () => {
    expect(() => pathOf(ROUTES.vote, {} as RequestOf<typeof ROUTES.vote>)).toThrow(RangeError);
  });

  it('has one entry per method and path, each path under /api with a schema for every parameter', () => {
    const keys = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of Object.values(ROUTES)) {
      expect(route.path).toMatch(/^\/api\//);
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(Object.keys((route.schemas as { params?: object }).params ?? {}).sort(), route.path).toEqual(names.sort());
    }
  });

  it('opens to anyone only health, sign-in, sign-out, who is signed in and the ledger’s public key', () => {
    const open = Object.entries(ROUTES)
      .filter(([, r]) => r.open)
      .map(([name]) => name)
      .sort();
    expect(open).toEqual(['health', 'linkLogin', 'login', 'logout', 'publicKey', 'session']);
  });

  // Checked by `tsc` (`npm run typecheck`), not at run time; the clients' side is in client/api/http.test.ts,
  // the server's in server/http/endpoint.test.ts.
  it('types the request and the answer of every endpoint', () => {
    expectTypeOf<PathParams<'/api/documents/:id/clauses/:clauseId/move'>>().toEqualTypeOf<'id' | 'clauseId'>();
    expectTypeOf<PathParams<'/api/health'>>().toEqualTypeOf<never>();
    expectTypeOf<RequestOf<typeof ROUTES.castBallot>>().toEqualTypeOf<
      { params: { id: string } } & { body: CastBallotRequest }
    >();
    expectTypeOf<ResponseOf<typeof ROUTES.castBallot>>().toEqualTypeOf<BallotJson>();
    expectTypeOf<ResponseOf<typeof ROUTES.decideAmendment>>().toEqualTypeOf<AmendmentJson>();
  });
});
