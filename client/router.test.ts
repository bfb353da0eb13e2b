// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { awaitsRoutes, deferRoutes, interceptLinks, loadRoutesFor, resolve, route } from './router.js';

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

describe('interceptLinks', () => {
  it('starts loading the code of a link’s pages when the pointer is over it or the focus on it, once', async () => {
    let loads = 0;
    let arrive = (): void => undefined;
    deferRoutes(/^\/early\//, () => {
      loads++;
      return new Promise<void>((resolve) => {
        arrive = () => {
          route('/early/:id', () => ({ el: {} as HTMLElement, title: 'early' }));
          resolve();
        };
      });
    });
    const root = document.createElement('div');
    root.innerHTML =
      '<a href="/early/a"><span>deferred</span></a><a href="/elsewhere">loaded</a>' +
      '<a href="https://other.example/early/a">other site</a>';
    document.body.append(root);
    interceptLinks(root);
    const [deferred, loaded, other] = [...root.querySelectorAll('a')];

    loaded!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    other!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(loads).toBe(0);
    // Over the text inside the link, as a pointer usually is.
    deferred!.querySelector('span')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(loads).toBe(1);
    deferred!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(loads).toBe(1);
    arrive();
    await loadRoutesFor('/early/a');
    expect(resolve('/early/a')?.params).toEqual({ id: 'a' });
    expect(awaitsRoutes('/early/a')).toBe(false);
    root.remove();
  });

  it('leaves a load that failed on the pointer’s way to the click that follows, which tries again', async () => {
    let loads = 0;
    deferRoutes(/^\/flaky\//, async () => {
      loads++;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      route('/flaky/:id', () => ({ el: {} as HTMLElement, title: 'flaky' }));
    });
    const root = document.createElement('div');
    root.innerHTML = '<a href="/flaky/a">flaky</a>';
    document.body.append(root);
    interceptLinks(root);
    root.querySelector('a')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    // The failure is not thrown out of the handler (an unhandled rejection would fail this test).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(awaitsRoutes('/flaky/a')).toBe(true);
    await loadRoutesFor('/flaky/a');
    expect(loads).toBe(2);
    expect(resolve('/flaky/a')).toBeDefined();
    root.remove();
  });
});
