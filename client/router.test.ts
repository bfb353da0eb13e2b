import { describe, expect, it } from 'vitest';
import { awaitsRoutes, deferRoutes, loadRoutesFor, resolve, route } from './router.js';

describe('resolve', () => {
  route('/probe/:id/part', () => ({ el: {} as HTMLElement, title: 'probe' }));

  it('decodes the parameters of the route a path matches', () => {
    expect(resolve('/probe/d%C3%A9cl%201/part')?.params).toEqual({ id: 'décl 1' });
  });

  it('finds no route for a malformed escape, instead of throwing out of the page', () => {
    expect(() => resolve('/probe/%E0%A4%A/part')).not.toThrow();
    expect(resolve('/probe/%E0%A4%A/part')).toBeUndefined();
  });
});

describe('deferRoutes', () => {
  it('loads the routes of a path once, on demand, and tries again after a failed load', async () => {
    let calls = 0;
    let fail = true;
    deferRoutes(/^\/lazy\//, async () => {
      calls++;
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      route('/lazy/:id', () => ({ el: {} as HTMLElement, title: 'lazy' }));
    });
    expect(awaitsRoutes('/lazy/a')).toBe(true);
    expect(awaitsRoutes('/elsewhere')).toBe(false);
    expect(resolve('/lazy/a')).toBeUndefined();

    await expect(loadRoutesFor('/lazy/a')).rejects.toThrow('Failed to fetch');
    expect(awaitsRoutes('/lazy/a')).toBe(true);
    fail = false;
    const first = loadRoutesFor('/lazy/a');
    // Under way is not yet there: a render in the meantime waits for it too.
    expect(awaitsRoutes('/lazy/a')).toBe(true);
    await Promise.all([first, loadRoutesFor('/lazy/b')]);
    expect(calls).toBe(2);
    expect(awaitsRoutes('/lazy/a')).toBe(false);
    expect(resolve('/lazy/b')?.params).toEqual({ id: 'b' });
  });
});
