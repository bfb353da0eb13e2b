import { describe, expect, it } from 'vitest';
import { resolve, route } from './router.js';

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
