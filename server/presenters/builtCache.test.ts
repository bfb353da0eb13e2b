import { describe, expect, it } from 'vitest';
import { BuiltCache } from './builtCache.js';

describe('BuiltCache', () => {
  it('builds a key once for everyone who asks while it is being built, and keeps it', async () => {
    const cache = new BuiltCache<string>(100, (s) => s.length);
    let builds = 0;
    let finish = (): void => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const build = async (): Promise<string> => {
      builds += 1;
      await gate;
      return 'text';
    };
    const asked = Array.from({ length: 5 }, () => cache.get('v1', build));
    finish();
    expect(await Promise.all(asked)).toEqual(['text', 'text', 'text', 'text', 'text']);
    expect(await cache.get('v1', build)).toBe('text');
    expect([builds, cache.built]).toEqual([1, 1]);
  });

  it('does not keep a failed build: the next ask builds again', async () => {
    const cache = new BuiltCache<string>(100, (s) => s.length);
    const failed = [cache.get('v1', () => Promise.reject(new Error('read failed'))), cache.get('v1', () => 'other')];
    for (const asked of failed) await expect(asked).rejects.toThrow('read failed');
    expect(await cache.get('v1', () => 'text')).toBe('text');
    expect(cache.built).toBe(1);
  });

  it('takes a value built at once (not a promise)', async () => {
    const cache = new BuiltCache<number[]>(10, (v) => v.length);
    expect(await cache.get('k', () => [1, 2])).toEqual([1, 2]);
    expect(await cache.get('k', () => [3])).toEqual([1, 2]);
  });

  it('counts its keys: values of no size under long keys are still bounded', async () => {
    const cache = new BuiltCache<string>(100, () => 0);
    let builds = 0;
    const build = (): string => {
      builds += 1;
      return '';
    };
    const keys = ['a', 'b', 'c'].map((k) => k.repeat(40));
    for (const key of keys) await cache.get(key, build);
    // Each key costs 80 bytes: the first two were let go to keep the third.
    await cache.get(keys[2]!, build);
    await cache.get(keys[0]!, build);
    expect(builds).toBe(4);
  });
});
