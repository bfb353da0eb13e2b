import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { ApiClient } from '../../test/helpers/server.js';
import { call } from './http.js';

describe('call() by the route table', () => {
  // Checked by `tsc` (`npm run typecheck`): each `@ts-expect-error` fails the type check if the wrong call
  // compiles. The same entry types the server's handler (server/http/endpoint.test.ts).
  it('refuses, at compile time, a body, a parameter or an answer the contract does not have', () => {
    expectTypeOf<ReturnType<typeof call<typeof ROUTES.decideAmendment>>>().resolves.toEqualTypeOf<AmendmentJson>();
    // Never called: these calls are here for the type checker only.
    const unused = (api: ApiClient): unknown[] => [
      // @ts-expect-error — 'maybe' is not a ballot choice
      call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'maybe' } }),
      // @ts-expect-error — the body is required
      call(ROUTES.castBallot, { params: { id: 'v1' } }),
      // @ts-expect-error — the vote's id is required
      call(ROUTES.castBallot, { body: { choice: 'yes' } }),
      // @ts-expect-error — a revision comparison needs `from`
      call(ROUTES.revisionDiff, { params: { id: 'd' }, query: {} }),
      // @ts-expect-error — the tests' client is held to the same contract
      api.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'maybe' } }),
      // @ts-expect-error — a change of stage names a stage
      api.call(ROUTES.changeStage, { params: { id: 'd' }, body: { stage: 'ratified' } }),
      // Nothing to send: the request may be left out, and the answer is typed.
      call(ROUTES.health).then((health) => health.ok),
      api.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'yes' } }).then((res) => res.body.choice),
    ];
    expect(unused).toBeTypeOf('function');
  });
});
