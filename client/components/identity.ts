/** How a person or a delegation is recognised at a glance: a delegation's colour, a person's initials. */

/**
 * A stable hue (0–359) for a delegation's code: the same code always gets the same colour on every screen
 * and for everyone, so a delegation is recognised at a glance across the room. FNV-1a, spread over the circle.
 */
export function delegationHue(code: string): number {
  let hash = 0x811c9dc5;
  for (const ch of code.toUpperCase()) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

/** Up to two initials of a name ("Aigerim Sadykova" → "AS", "secretariat" → "S"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [words[0]?.[0]];
  return letters.filter(Boolean).join('').toLocaleUpperCase();
}
