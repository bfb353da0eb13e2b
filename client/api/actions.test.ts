import { describe, expect, it } from 'vitest';
import { Actions } from './actions.js';
import { pathOf, type AnyRoute } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { ApiError, type RequestOptions, type Transport } from './http.js';

/** A transport that records what is sent (method, path as built, body, key) and answers what each test tells it to. */
function recorder(answer: (call: Call) => Promise<unknown> = async () => ({})) {
  const calls: Call[] = [];
  const transport = ((route: AnyRoute, request: { body?: unknown } | undefined, options: RequestOptions) => {
    const call = {
      method: route.method,
      path: pathOf(route, request),
      body: request?.body,
      key: options.idempotencyKey,
    };
    calls.push(call);
    return answer(call);
  }) as Transport;
  return { calls, transport };
}
interface Call {
  method: string;
  path: string;
  body: unknown;
  key: string | undefined;
}

const lost = (): ApiError => new ApiError(0, 'network', 'The server cannot be reached.');
const refused = (): ApiError => new ApiError(409, 'vote_already_open', 'A vote on this subject is already open.');

describe('Actions', () => {
  it('runs an action once however often it is pressed while it runs', async () => {
    let release!: () => void;
    const { calls, transport } = recorder(() => new Promise((resolve) => (release = () => resolve({}))));
    const actions = new Actions(transport);
    const first = actions.run('open-vote', (send) =>
      send.call(ROUTES.openVote, { params: { id: 'd' }, body: { subject: { type: 'document' }, rule: 'consensus' } }),
    );
    const second = actions.run('open-vote', (send) =>
      send.call(ROUTES.openVote, { params: { id: 'd' }, body: { subject: { type: 'document' }, rule: 'consensus' } }),
    );
    expect(actions.isBusy('open-vote')).toBe(true);
    expect(await second).toBeUndefined();
    release();
    expect(await first).toBe(true);
    expect(actions.isBusy('open-vote')).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends by the route table: the method, the path built from the parameters, the body', async () => {
    const { calls, transport } = recorder();
    const actions = new Actions(transport);
    await actions.run('amendment:a/1', async (send) => {
      await send.call(ROUTES.leaveCosponsorship, { params: { id: 'a/1' } });
      await send.call(ROUTES.decideAmendment, { params: { id: 'a1' }, body: { decision: 'reject' } });
    });
    expect(calls.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'DELETE', path: '/api/amendments/a%2F1/cosponsor', body: undefined },
      { method: 'POST', path: '/api/amendments/a1/decision', body: { decision: 'reject' } },
    ]);
    // Checked by `tsc`: an action sends only what changes something, and only what the contract accepts.
    const unused = () =>
      actions.run('x', async (send) => {
        // @ts-expect-error — a read is no action's request
        await send.call(ROUTES.vote, { params: { id: 'v1' } });
        // @ts-expect-error — 'maybe' is not a ballot choice
        await send.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'maybe' } });
      });
    expect(unused).toBeTypeOf('function');
  });

  it('gives every press its own key once the server has answered, success or refusal', async () => {
    let answer: () => Promise<unknown> = async () => ({});
    const { calls, transport } = recorder(() => answer());
    const actions = new Actions(transport);
    const press = () => actions.run('cosponsor:a1', (send) => send.call(ROUTES.cosponsor, { params: { id: 'a1' } }));
    await press();
    answer = async () => Promise.reject(refused());
    expect(await press()).toBe(false);
    await press();
    expect(new Set(calls.map((c) => c.key)).size).toBe(3);
  });

  it('retries a try that got no answer under the same keys, request by request', async () => {
    let fail = true;
    const { calls, transport } = recorder(async (call) => {
      if (fail && call.path.endsWith('/ballots')) throw lost();
      return {};
    });
    const actions = new Actions(transport);
    const cast = () =>
      actions.run('ballot:v1', async (send) => {
        await send.call(ROUTES.recordExplanation, { params: { id: 'v1' }, body: { when: 'before', text: 'Because.' } });
        await send.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'yes' } });
      });
    expect(await cast()).toBe(false);
    expect(actions.errorOf('ballot:v1')).toMatchObject({ id: 'network' });
    fail = false;
    expect(await cast()).toBe(true);
    expect(calls.map((c) => c.key)).toEqual([calls[0]!.key, calls[1]!.key, calls[0]!.key, calls[1]!.key]);
    expect(calls[0]!.key).not.toBe(calls[1]!.key);
    expect(actions.errorOf('ballot:v1')).toBeUndefined();
    // Answered: the next press is a new action.
    await cast();
    expect(calls[4]!.key).not.toBe(calls[0]!.key);
  });

  it('asks again under a new key a request the server refused in a try whose later request got no answer', async () => {
    // The acknowledgement's two requests: the first refused with the list, the second lost on the way back.
    // Retried under the first key, the server would replay the old list instead of telling what is unfinished now.
    const answers: (() => Promise<unknown>)[] = [
      () => Promise.reject(refused()),
      () => Promise.reject(lost()),
      () => Promise.reject(refused()),
      async () => ({}),
    ];
    const { calls, transport } = recorder(() => answers.shift()!());
    const actions = new Actions(transport);
    const confirm = () =>
      actions.run('open-vote', async (send) => {
        try {
          await send.call(ROUTES.openVote, {
            params: { id: 'd' },
            body: { subject: { type: 'document' }, rule: 'consensus' },
          });
        } catch {
          await send.call(ROUTES.openVote, {
            params: { id: 'd' },
            body: { subject: { type: 'document' }, rule: 'consensus', acknowledge: true },
          });
        }
      });
    expect(await confirm()).toBe(false);
    expect(await confirm()).toBe(true);
    expect(calls[2]!.key).not.toBe(calls[0]!.key);
    expect(calls[3]!.key).toBe(calls[1]!.key);
  });

  it('sends a changed request under a new key, even after a try without an answer', async () => {
    let fail = true;
    const { calls, transport } = recorder(async () => {
      if (fail) throw new ApiError(503, 'http_503', 'Service Unavailable');
      return {};
    });
    const actions = new Actions(transport);
    await actions.run('ballot:v1', (send) =>
      send.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'yes' } }),
    );
    fail = false;
    await actions.run('ballot:v1', (send) =>
      send.call(ROUTES.castBallot, { params: { id: 'v1' }, body: { choice: 'no' } }),
    );
    expect(calls[1]!.key).not.toBe(calls[0]!.key);
  });

  it('keeps an error until the situation it was about reads differently', async () => {
    const { transport } = recorder(async () => Promise.reject(refused()));
    const actions = new Actions(transport);
    const world = { stage: 'negotiation', 'vote:v1': 'open', 'clause:c1': 'agreed_ad_ref' } as Record<string, string>;
    actions.describe((topic) => world[topic]);
    const changes: string[] = [];
    actions.subscribe((name) => changes.push(name));
    await actions.run('close:v1', (send) => send.call(ROUTES.closeVote, { params: { id: 'v1' } }), {
      about: ['stage', 'vote:v1', 'clause:c1'],
    });
    expect(actions.errorOf('close:v1')).toMatchObject({ id: 'vote_already_open' });
    world['clause:other'] = 'open';
    actions.recheck();
    expect(actions.errorOf('close:v1')).toBeDefined();
    world['clause:c1'] = 'open';
    actions.recheck();
    expect(actions.errorOf('close:v1')).toBeUndefined();
    expect(changes).toEqual(['close:v1', 'close:v1', 'close:v1']);
  });

  it('shows a refusal decided before sending, and clears it on demand', () => {
    const actions = new Actions(recorder().transport);
    actions.refuse('open-vote', new Error('Choose what the vote is on.'));
    expect((actions.errorOf('open-vote') as Error).message).toBe('Choose what the vote is on.');
    actions.clear('open-vote');
    expect(actions.errorOf('open-vote')).toBeUndefined();
  });

  it('reports an error thrown before any request, and sends the next try under new keys', async () => {
    const { calls, transport } = recorder();
    const actions = new Actions(transport);
    expect(
      await actions.run('comment', async () => Promise.reject(new Error('The selected words have changed.'))),
    ).toBe(false);
    await actions.run('comment', (send) =>
      send.call(ROUTES.addComment, { params: { id: 'd' }, body: { clauseId: 'c1', body: 'x' } }),
    );
    expect(calls).toHaveLength(1);
  });
});
