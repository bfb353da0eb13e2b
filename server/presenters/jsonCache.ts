/**
 * Presentations built once per version of what they present, kept as the JSON bytes sent: a thousand readers of
 * a 2 MB declaration, or of the same comparison of two revisions, cost one build and one serialisation, not
 * a thousand (tens to hundreds of milliseconds of event loop each). The key names every input of the
 * presentation; the least recently used go first once the entries hold more than `maxBytes`.
 * Callers asking for a key being built wait for that build.
 */
export class JsonCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly building = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  /** Builds so far (misses), for tests and diagnostics. */
  built = 0;

  /** @param maxBytes bytes kept, all entries together. Default 128 MB. */
  constructor(private readonly maxBytes = 128 * 1024 * 1024) {}

  /** The JSON of `build()`'s value for `key` (UTF-8), built once. */
  async get(key: string, build: () => unknown): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => Buffer.from(JSON.stringify(await build())))();
      this.building.set(key, pending);
      try {
        const json = await pending;
        this.built += 1;
        this.keep(key, json);
      } finally {
        this.building.delete(key);
      }
    }
    return pending;
  }

  private keep(key: string, json: Buffer): void {
    this.entries.set(key, json);
    this.bytes += json.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }
}

/** The process's cache of presentations. */
export const presentations = new JsonCache();
