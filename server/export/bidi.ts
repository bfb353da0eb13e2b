/**
 * Just enough of the Unicode bidirectional algorithm for left-to-right documents that quote right-to-left
 * text (an Arabic or Hebrew name, a phrase in the original). Word processors and browsers apply the full
 * algorithm themselves; PDF has no notion of it, so the PDF renderer places words in visual order using
 * `visualOrder`. Covered: strong left/right letters, numbers taking the direction of the preceding strong
 * text, neutrals between two stretches against the paragraph's direction joining them, bracket mirroring,
 * and right-to-left paragraphs (an Arabic version of the text). Not covered: explicit embeddings and isolates.
 */

export type Direction = 'ltr' | 'rtl' | 'number' | 'neutral';

/** Scripts written right to left, and the right-to-left and Arabic letter marks. */
const RTL_CLASS =
  '\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}\\p{Script=Adlam}\\u200F\\u061C';
const RTL = new RegExp(`[${RTL_CLASS}]`, 'u');
const LTR_LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** True when the text contains a right-to-left letter. */
export function hasRtl(text: string): boolean {
  return RTL.test(text);
}

/** The direction class of a stretch of text that is uniform in direction (a word or part of one). */
export function directionOf(text: string): Direction {
  if (RTL.test(text)) return 'rtl';
  if (LTR_LETTER.test(text)) return 'ltr';
  if (DIGIT.test(text)) return 'number';
  return 'neutral';
}

/** The direction a paragraph is written in: Arabic and Hebrew texts right to left, the others left to right. */
export type BaseDirection = 'ltr' | 'rtl';

/** The direction of a text in `language` (BCP 47). */
export function directionOfLanguage(language: string): BaseDirection {
  return /^(ar|he|fa|ur|ps|dv|yi)(-|$)/i.test(language) ? 'rtl' : 'ltr';
}

/**
 * Resolves every item to 'ltr' or 'rtl' within a paragraph written in `base`: a number takes the direction
 * of the strong text before it; a neutral takes the direction against the paragraph's only between two items
 * of that direction (the start and end of the paragraph count as the paragraph's direction).
 */
export function resolveDirections(directions: readonly Direction[], base: BaseDirection = 'ltr'): ('ltr' | 'rtl')[] {
  const against = base === 'ltr' ? 'rtl' : 'ltr';
  let previous: 'ltr' | 'rtl' = base;
  const strong = directions.map((d): Direction => {
    if (d === 'ltr' || d === 'rtl') previous = d;
    return d === 'number' ? previous : d;
  });
  const next: ('ltr' | 'rtl')[] = new Array<'ltr' | 'rtl'>(strong.length);
  let after: 'ltr' | 'rtl' = base;
  for (let i = strong.length - 1; i >= 0; i--) {
    next[i] = after;
    const d = strong[i];
    if (d === 'ltr' || d === 'rtl') after = d;
  }
  let before: 'ltr' | 'rtl' = base;
  return strong.map((d, i) => {
    if (d === 'ltr' || d === 'rtl') return (before = d);
    return before === against && next[i] === against ? against : base;
  });
}

/**
 * Items rearranged left to right as they are displayed: each right-to-left stretch is reversed; in a
 * right-to-left paragraph the stretches themselves also run from right to left.
 */
export function visualOrder<T>(
  items: readonly T[],
  directionOfItem: (item: T) => Direction,
  base: BaseDirection = 'ltr',
): { item: T; rtl: boolean }[] {
  const resolved = resolveDirections(items.map(directionOfItem), base);
  const stretches: { item: T; rtl: boolean }[][] = [];
  items.forEach((item, i) => {
    const rtl = resolved[i] === 'rtl';
    const last = stretches.at(-1);
    if (last && last[0]!.rtl === rtl) last.push({ item, rtl });
    else stretches.push([{ item, rtl }]);
  });
  const ordered = base === 'rtl' ? stretches.reverse() : stretches;
  return ordered.flatMap((stretch) => (stretch[0]!.rtl ? stretch.reverse() : stretch));
}

const MIRRORED: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹',
};

/** A neutral shown right to left uses the mirrored glyph: "(" reads as ")" . */
export function mirror(text: string): string {
  return [...text]
    .reverse()
    .map((c) => MIRRORED[c] ?? c)
    .join('');
}

// Spaces, right-to-left letters, digits, anything else: the units whose direction is resolved together.
const SEGMENT = new RegExp(`\\s+|[${RTL_CLASS}]+|\\p{Nd}+|[^\\s\\p{Nd}${RTL_CLASS}]+`, 'gu');

/** Splits text into the units `resolveDirections` works on; concatenated, they give the text back. */
export function directionSegments(text: string): string[] {
  return text.match(SEGMENT) ?? [];
}

/**
 * Splits text into maximal stretches displayed left to right or right to left, in logical order, for formats
 * that tag right-to-left runs (DOCX `w:rtl`). Concatenating the stretches gives the text back unchanged.
 */
export function splitByDirection(text: string): { text: string; rtl: boolean }[] {
  const segments = directionSegments(text);
  const resolved = resolveDirections(segments.map(directionOf));
  const out: { text: string; rtl: boolean }[] = [];
  segments.forEach((segment, i) => {
    const rtl = resolved[i] === 'rtl';
    const last = out[out.length - 1];
    if (last && last.rtl === rtl) last.text += segment;
    else out.push({ text: segment, rtl });
  });
  return out;
}
