import { SizedCache } from './sizedCache.js';

/**
 * Values built once per key and kept, bounded in size (`SizedCache`): whoever asks for a key while it is being
 * built waits for that build instead of starting another, so that a room opening the same new version of a
 * text at once costs one build. A failed build is not kept; the next ask builds again.
 */
export class BuiltCache<V> {
  private readonly entries: SizedCache<V>;
  private readonly building = new Map<string, Promise<V>>();
  /** Builds so far (misses), for tests and diagnostics. */
  built = 0;

  constructor(maxSize: number, sizeOf: (value: V) => number) {
    this.entries = new SizedCache(maxSize, sizeOf);
  }

  /** The value of `build()` for `key`, built once. */
  async get(key: string, build: () => V | Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => build())();
      this.building.set(key, pending);
      try {
        const value = await pending;
        this.built += 1;
        this.entries.set(key, value);
      } finally {
        this.building.delete(key);
      }
    }
    return pending;
  }
}
