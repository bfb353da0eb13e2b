import { describe, expect, it } from 'vitest';
import { emitInOrder, silentBroadcaster, type Broadcaster } from './broadcast.js';

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('emitInOrder', () => {
  function recorder() {
    const sent: [string, unknown][] = [];
    const errors: string[] = [];
    const broadcast: Broadcaster = { emit: (to, event, payload) => void sent.push([event, payload]) };
    const log = { info() {}, error: (message: string) => void errors.push(message) };
    return { sent, errors, ctx: { broadcast, log } };
  }
  const stage = (n: number) => ({ documentId: 'd', stage: 'drafting', by: `#${n}` }) as never;

  it('sends the payloads of one audience in the order of the calls, however long each takes to build', async () => {
    const { sent, ctx } = recorder();
    emitInOrder(ctx, { document: 'd' }, 'document:stage', () => later(30, stage(1)));
    emitInOrder(ctx, { document: 'd' }, 'document:stage', () => later(1, stage(2)));
    emitInOrder(ctx, { document: 'd' }, 'document:stage', () => later(10, stage(3)));
    await later(80, null);
    expect(sent.map(([, p]) => (p as { by: string }).by)).toEqual(['#1', '#2', '#3']);
  });

  it('logs a payload that fails to build, sends nothing for it, and goes on with the next', async () => {
    const { sent, errors, ctx } = recorder();
    emitInOrder(ctx, { document: 'd' }, 'document:stage', () => Promise.reject(new Error('store closed')));
    emitInOrder(ctx, { document: 'd' }, 'document:stage', () => later(1, stage(2)));
    await later(20, null);
    expect(errors).toEqual(['document:stage event failed']);
    expect(sent.map(([, p]) => (p as { by: string }).by)).toEqual(['#2']);
  });

  it('builds nothing for a broadcaster that delivers nothing', async () => {
    let built = 0;
    emitInOrder({ broadcast: silentBroadcaster, log: { info() {}, error() {} } }, { document: 'd' }, 'document:stage', async () => {
      built += 1;
      return stage(1);
    });
    await later(5, null);
    expect(built).toBe(0);
  });
});
