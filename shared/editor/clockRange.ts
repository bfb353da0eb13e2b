/**
 * The element of `list` (sorted by clock, ranges not overlapping) whose range [start, end) holds `clock`, by
 * binary search: one client's structs in a Yjs update, or the runs of one client's characters by author.
 */
export function findByClock<T>(
  list: readonly T[] | undefined,
  clock: number,
  start: (t: T) => number,
  end: (t: T) => number,
): T | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = list[mid]!;
    if (clock < start(item)) hi = mid - 1;
    else if (clock >= end(item)) lo = mid + 1;
    else return item;
  }
  return undefined;
}
