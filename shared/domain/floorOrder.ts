import { FLOOR_PRECEDENCE, type FloorKind } from './floor.js';

/**
 * The order of the list of speakers, as plain functions over the waiting requests in the order they will be
 * heard. The server writes the list with them; they change nothing given.
 */

/**
 * Where a new request of `kind` goes on `waiting`: before the first request of a later precedence (a point of
 * order before everyone, a right of reply before the speakers), after those of its own, so each kind keeps the
 * order it was asked in. The chair's own moves are kept: only requests behind the new one shift.
 */
export function placeOnList(waiting: readonly { kind: FloorKind }[], kind: FloorKind): number {
  const rank = FLOOR_PRECEDENCE[kind];
  const later = waiting.findIndex((entry) => FLOOR_PRECEDENCE[entry.kind] > rank);
  return later === -1 ? waiting.length : later;
}

/**
 * The list with `id` one place up or down; the same list when it is already first (up) or last (down).
 * Throws `RangeError` when `id` is not on the list.
 */
export function moveOnList<T extends { id: string }>(waiting: readonly T[], id: string, direction: 'up' | 'down'): T[] {
  const from = waiting.findIndex((entry) => entry.id === id);
  if (from === -1) throw new RangeError(`${id} is not waiting for the floor`);
  const to = direction === 'up' ? from - 1 : from + 1;
  const list = [...waiting];
  if (to < 0 || to >= list.length) return list;
  [list[from], list[to]] = [list[to]!, list[from]!];
  return list;
}

/** The list with `entry` inserted at `index`. */
export function insertAt<T>(list: readonly T[], index: number, entry: T): T[] {
  return [...list.slice(0, index), entry, ...list.slice(index)];
}
