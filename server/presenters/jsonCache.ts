import { BuiltCache } from './builtCache.js';

/**
 * Presentations built once per version of what they present, kept as the JSON bytes sent: a thousand readers of
 * a 2 MB declaration, or of the same comparison of two revisions, cost one build and one serialisation, not
 * a thousand (tens to hundreds of milliseconds of event loop each). The key names every input of the
 * presentation; the least recently used go first once the entries hold more than `maxBytes`.
 * Callers asking for a key being built wait for that build.
 */
export class JsonCache {
  private readonly entries: BuiltCache<Buffer>;

  /** @param maxBytes bytes kept, all entries together. Default 64 MB. */
  constructor(maxBytes = 64 * 1024 * 1024) {
    this.entries = new BuiltCache(maxBytes, (json) => json.length);
  }

  /** Builds so far (misses), for tests and diagnostics. */
  get built(): number {
    return this.entries.built;
  }

  /** The JSON of `build()`'s value for `key` (UTF-8), built once. */
  get(key: string, build: () => unknown): Promise<Buffer> {
    return this.entries.get(key, async () => Buffer.from(JSON.stringify(await build())));
  }
}

/**
 * `json` (an object's JSON, as the cache keeps it) with `fields` added, as the pieces to send one after the
 * other: how a shared presentation gets what is particular to one reader without parsing it again, or
 * copying its megabytes for every reader.
 */
export function withFields(json: Buffer, fields: Record<string, unknown>): Buffer[] {
  const extra = JSON.stringify(fields);
  if (extra === '{}') return [json];
  const empty = json.length === 2;
  return [json.subarray(0, json.length - 1), Buffer.from(empty ? extra.slice(1) : `,${extra.slice(1)}`)];
}

/** The process's cache of presentations. */
export const presentations = new JsonCache();
