/**
 * A map that forgets its least recently used entries once their values together pass `maxSize` (in whatever
 * unit `sizeOf` counts: characters, bytes). The presenters' caches are bounded by it, so that a conference of
 * long texts keeps what its readers ask for again without growing the server's memory past a known amount.
 */
export class SizedCache<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value for `key`, now the most recently used; undefined when not kept. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.total -= this.sizeOf(old);
    }
    this.entries.set(key, value);
    this.total += this.sizeOf(value);
    // Oldest first (a Map keeps insertion order); the entry just set stays even when larger than the bound.
    for (const [oldest, kept] of this.entries) {
      if (this.total <= this.maxSize || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= this.sizeOf(kept);
    }
  }
}
