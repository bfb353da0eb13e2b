import { createHash } from 'node:crypto';
import { boundedWordDiff, type BoundedDiff } from '../../shared/domain/wordDiff.js';

/**
 * Word diffs computed once per pair of texts, not once per reader: a room of a thousand listing the
 * amendments, and every amendment event, read the diff computed when the amendment was first presented (at
 * its proposal, or at the first read after its clause changed). Keyed by the SHA-256 of both texts; the least
 * recently used go first once the texts held pass `maxChars`. Each diff is bounded (`boundedWordDiff`), so a
 * miss holds the event loop briefly; callers presenting many yield between misses.
 */
export class DiffCache {
  private readonly entries = new Map<string, { value: BoundedDiff; chars: number }>();
  private chars = 0;
  /** Diffs computed so far (misses), for tests and diagnostics. */
  computed = 0;

  /** @param maxChars characters of diff text kept, all entries together. Default 16 million (about 32 MB). */
  constructor(private readonly maxChars = 16_000_000) {}

  /** The diff from `before` to `after`, and whether it was computed now. */
  get(before: string, after: string): { value: BoundedDiff; fresh: boolean } {
    const key = `${digest(before)}:${digest(after)}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { value: hit.value, fresh: false };
    }
    const value = boundedWordDiff(before, after);
    this.computed += 1;
    const chars = before.length + after.length;
    this.entries.set(key, { value, chars });
    this.chars += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars || oldest === key) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
    return { value, fresh: true };
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The process's cache of word diffs (amendments, comparisons of revisions). */
export const wordDiffs = new DiffCache();
