import { describe, expect, it } from 'vitest';
import { SizedCache } from './sizedCache.js';

describe('SizedCache', () => {
  it('forgets the least recently used entries once the values pass the bound', () => {
    const cache = new SizedCache<string>(10, (s) => s.length);
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    expect(cache.get('a')).toBe('xxxx'); // now the most recently used
    cache.set('c', 'zzzz');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['xxxx', undefined, 'zzzz']);
    // Replacing a value counts its new size only.
    cache.set('a', 'x');
    cache.set('d', 'wwwww');
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual(['x', 'zzzz', 'wwwww']);
  });

  it('keeps an entry larger than the bound until the next one comes', () => {
    const cache = new SizedCache<string>(3, (s) => s.length);
    cache.set('big', 'xxxxxx');
    expect(cache.get('big')).toBe('xxxxxx');
    cache.set('small', 'y');
    expect([cache.get('big'), cache.get('small')]).toEqual([undefined, 'y']);
  });
});
