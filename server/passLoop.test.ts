import { describe, expect, it } from 'vitest';
import { PassLoop } from './passLoop.js';

/** A pass that waits until released, counting how many ran and how many ran at once. */
function gatedPasses(wait: number) {
  const state = { started: 0, running: 0, mostAtOnce: 0, release: (): void => undefined };
  const pass = async (): Promise<number> => {
    state.started += 1;
    state.running += 1;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
    await new Promise<void>((resolve) => (state.release = resolve));
    state.running -= 1;
    return wait;
  };
  return { state, pass };
}

const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PassLoop', () => {
  it('runs one pass at a time, and however often asked during one, exactly one more after it', async () => {
    const { state, pass } = gatedPasses(60_000);
    const loop = new PassLoop(pass);
    loop.request();
    await tick();
    expect(state.started).toBe(1);
    for (let i = 0; i < 5; i++) loop.request();
    state.release();
    await tick();
    expect(state.started).toBe(2);
    state.release();
    await tick();
    expect(state.started).toBe(2);
    expect(state.mostAtOnce).toBe(1);
    await loop.stop();
  });

  it('asks for the next pass after the wait the last one returned, and stops asking once stopped', async () => {
    const { state, pass } = gatedPasses(20);
    const loop = new PassLoop(pass);
    loop.request();
    await tick();
    state.release();
    await tick(60);
    expect(state.started).toBe(2);
    const stopping = loop.stop();
    expect(loop.stopped).toBe(true);
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false); // the pass under way is waited for
    state.release();
    await stopping;
    await tick(60);
    expect(state.started).toBe(2);
    loop.request();
    await tick();
    expect(state.started).toBe(2);
  });
});
