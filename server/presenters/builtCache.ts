import { SizedCache } from './sizedCache.js';

/**
 * Values built once per key and kept, bounded in size (`SizedCache`): whoever asks for a key while it is being
 * built waits for that build instead of starting another, so that a room opening the same new version of a
 * text at once costs one build. A failed build is not kept; the next ask builds again. An entry's size is its
 * value's (`sizeOf`, in bytes) and its key's: a key names every input of what it keeps (a document's key holds
 * its clauses' rows, kilobytes), and a value of no size (a first look left out) must not make keys free to keep.
 */
export class BuiltCache<V> {
  private readonly entries: SizedCache<{ value: V; bytes: number }>;
  private readonly building = new Map<string, Promise<V>>();
  /** Builds so far (misses), for tests and diagnostics. */
  built = 0;

  /** @param maxBytes bytes kept, values and keys together. */
  constructor(
    maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {
    this.entries = new SizedCache(maxBytes, (entry) => entry.bytes);
  }

  /** The value of `build()` for `key`, built once. */
  async get(key: string, build: () => V | Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.value;
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => build())();
      this.building.set(key, pending);
      try {
        const value = await pending;
        this.built += 1;
        // A string's characters take up to two bytes each.
        this.entries.set(key, { value, bytes: this.sizeOf(value) + key.length * 2 });
      } finally {
        this.building.delete(key);
      }
    }
    return pending;
  }
}
