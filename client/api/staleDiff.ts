import type { ClauseTranslationJson } from '../../shared/api/languages.js';
import { wordDiff, type WordDiff } from '../../shared/domain/wordDiff.js';

/**
 * What changed in the original since the version was marked current, word by word: a stale clause's diff, or
 * null for any other status. After a split or merge the server gives no earlier text (`originalThen` empty), and
 * the diff shows the whole original as new.
 */
export function staleDiff(translation: ClauseTranslationJson | undefined): WordDiff | null {
  if (translation?.status !== 'stale' || translation.original === undefined) return null;
  return wordDiff(translation.originalThen ?? '', translation.original);
}
