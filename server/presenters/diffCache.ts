import { createHash } from 'node:crypto';
import { boundedWordDiff, type BoundedDiff } from '../../shared/domain/wordDiff.js';
import { SizedCache } from './sizedCache.js';

/**
 * Word diffs computed once per pair of texts, not once per reader: a room of a thousand listing the
 * amendments, and every amendment event, read the diff computed when the amendment was first presented (at
 * its proposal, or at the first read after its clause changed). Keyed by the SHA-256 of both texts; the least
 * recently used go first once the texts diffed pass `maxChars`. Each diff is bounded (`boundedWordDiff`), so a
 * miss holds the event loop briefly; callers presenting many yield between misses.
 */
export class DiffCache {
  private readonly entries: SizedCache<{ value: BoundedDiff; chars: number }>;
  /** Diffs computed so far (misses), for tests and diagnostics. */
  computed = 0;

  /** @param maxChars characters of the texts diffed, all entries together. Default 8 million (about 16 MB). */
  constructor(maxChars = 8_000_000) {
    this.entries = new SizedCache(maxChars, (entry) => entry.chars);
  }

  /** The diff from `before` to `after`, and whether it was computed now. */
  get(before: string, after: string): { value: BoundedDiff; fresh: boolean } {
    const key = `${digest(before)}:${digest(after)}`;
    const hit = this.entries.get(key);
    if (hit) return { value: hit.value, fresh: false };
    const value = boundedWordDiff(before, after);
    this.computed += 1;
    this.entries.set(key, { value, chars: before.length + after.length });
    return { value, fresh: true };
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The process's cache of word diffs (amendments, comparisons of revisions). */
export const wordDiffs = new DiffCache();
