import { describe, expect, it } from 'vitest';
import { Actions } from './actions.js';
import { ApiError, type Sender } from './http.js';

/** A transport that records what is sent and answers what each test tells it to. */
function recorder(answer: (call: Call) => Promise<unknown> = async () => ({})) {
  const calls: Call[] = [];
  const take = (method: string) => (path: string, body?: unknown, options?: { idempotencyKey?: string }) => {
    const call = { method, path, body, key: options?.idempotencyKey };
    calls.push(call);
    return answer(call);
  };
  const transport = { post: take('POST'), put: take('PUT'), delete: (path: string, options?: { idempotencyKey?: string }) => take('DELETE')(path, undefined, options) } as unknown as Sender;
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
    const first = actions.run('open-vote', (send) => send.post('/api/documents/d/votes', { rule: 'consensus' }));
    const second = actions.run('open-vote', (send) => send.post('/api/documents/d/votes', { rule: 'consensus' }));
    expect(actions.isBusy('open-vote')).toBe(true);
    expect(await second).toBeUndefined();
    release();
    expect(await first).toBe(true);
    expect(actions.isBusy('open-vote')).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives every press its own key once the server has answered, success or refusal', async () => {
    let answer: () => Promise<unknown> = async () => ({});
    const { calls, transport } = recorder(() => answer());
    const actions = new Actions(transport);
    const press = () => actions.run('cosponsor:a1', (send) => send.post('/api/amendments/a1/cosponsor'));
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
        await send.post('/api/votes/v1/explanations', { when: 'before', text: 'Because.' });
        await send.post('/api/votes/v1/ballots', { choice: 'yes' });
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
          await send.post('/api/documents/d/votes', { subject: { type: 'document' } });
        } catch {
          await send.post('/api/documents/d/votes', { subject: { type: 'document' }, acknowledge: true });
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
    await actions.run('ballot:v1', (send) => send.post('/api/votes/v1/ballots', { choice: 'yes' }));
    fail = false;
    await actions.run('ballot:v1', (send) => send.post('/api/votes/v1/ballots', { choice: 'no' }));
    expect(calls[1]!.key).not.toBe(calls[0]!.key);
  });

  it('keeps an error until the situation it was about reads differently', async () => {
    const { transport } = recorder(async () => Promise.reject(refused()));
    const actions = new Actions(transport);
    const world = { stage: 'negotiation', 'vote:v1': 'open', 'clause:c1': 'agreed_ad_ref' } as Record<string, string>;
    actions.describe((topic) => world[topic]);
    const changes: string[] = [];
    actions.subscribe((name) => changes.push(name));
    await actions.run('close:v1', (send) => send.post('/api/votes/v1/close'), { about: ['stage', 'vote:v1', 'clause:c1'] });
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
    expect(await actions.run('comment', async () => Promise.reject(new Error('The selected words have changed.')))).toBe(false);
    await actions.run('comment', (send) => send.post('/api/documents/d/comments', { body: 'x' }));
    expect(calls).toHaveLength(1);
  });
});
