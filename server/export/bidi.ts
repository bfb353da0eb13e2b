/**
 * Just enough of the Unicode bidirectional algorithm for left-to-right documents that quote right-to-left
 * text (an Arabic or Hebrew name, a phrase in the original). Word processors and browsers apply the full
 * algorithm themselves; PDF has no notion of it, so the PDF renderer places words in visual order using
 * `visualOrder`. Covered: strong left/right letters, numbers taking the direction of the preceding strong
 * text, neutrals between two right-to-left stretches joining them, bracket mirroring. Not covered: explicit
 * embeddings and isolates, right-to-left paragraphs.
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

/**
 * Resolves every item to 'ltr' or 'rtl' within a left-to-right paragraph: a number takes the direction of
 * the strong text before it; a neutral is right-to-left only between two right-to-left items (the start and
 * end of the paragraph count as left-to-right).
 */
export function resolveDirections(directions: readonly Direction[]): ('ltr' | 'rtl')[] {
  let previous: 'ltr' | 'rtl' = 'ltr';
  const strong = directions.map((d): Direction => {
    if (d === 'ltr' || d === 'rtl') previous = d;
    return d === 'number' ? previous : d;
  });
  const next: ('ltr' | 'rtl')[] = new Array<'ltr' | 'rtl'>(strong.length);
  let after: 'ltr' | 'rtl' = 'ltr';
  for (let i = strong.length - 1; i >= 0; i--) {
    next[i] = after;
    const d = strong[i];
    if (d === 'ltr' || d === 'rtl') after = d;
  }
  let before: 'ltr' | 'rtl' = 'ltr';
  return strong.map((d, i) => {
    if (d === 'ltr' || d === 'rtl') return (before = d);
    return before === 'rtl' && next[i] === 'rtl' ? 'rtl' : 'ltr';
  });
}

/** Items rearranged left to right as they are displayed: each right-to-left stretch is reversed. */
export function visualOrder<T>(
  items: readonly T[],
  directionOfItem: (item: T) => Direction,
): { item: T; rtl: boolean }[] {
  const resolved = resolveDirections(items.map(directionOfItem));
  const out: { item: T; rtl: boolean }[] = [];
  let i = 0;
  while (i < items.length) {
    if (resolved[i] === 'ltr') {
      out.push({ item: items[i]!, rtl: false });
      i++;
      continue;
    }
    let end = i;
    while (end < items.length && resolved[end] === 'rtl') end++;
    for (let j = end - 1; j >= i; j--) out.push({ item: items[j]!, rtl: true });
    i = end;
  }
  return out;
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
