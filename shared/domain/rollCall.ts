/**
 * A recorded vote taken by roll call: the States are called one by one in the alphabetical order of their
 * English names, starting with the one drawn by lot (as in the UN General Assembly, rule 87). Plain functions:
 * the server draws and records, the projector calls.
 */

/**
 * The calling order: `codes` sorted by `nameOf` (English names), starting at `first` and going round.
 * Throws `RangeError` when `first` is not among them.
 */
export function rollCallOrder(codes: readonly string[], first: string, nameOf: (code: string) => string): string[] {
  const sorted = [...codes].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'en') || a.localeCompare(b));
  const at = sorted.indexOf(first);
  if (at === -1) throw new RangeError(`${first} is not among the States called`);
  return [...sorted.slice(at), ...sorted.slice(0, at)];
}

/**
 * The State being called: the first in the order that has not voted yet, or null once every State has. A
 * State that votes out of turn is passed over; one that has not answered stays called until it does or the
 * chair closes.
 */
export function calledNow(order: readonly string[], voted: Iterable<string>): string | null {
  const done = new Set(voted);
  return order.find((code) => !done.has(code)) ?? null;
}
