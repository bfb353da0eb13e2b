/** The floor's vocabulary the browser and the server share (the schemas are in `shared/api/floor.ts`). */

/** What a request for the floor is: a place on the list, a point of order, or a right of reply. */
export const FLOOR_KINDS = ['speaker', 'point_of_order', 'right_of_reply'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];

/**
 * Where a kind goes on the list: lower first. A point of order is heard at once, before anyone waiting; a right
 * of reply comes before the speakers still waiting; speakers keep the order they asked in.
 */
export const FLOOR_PRECEDENCE: Readonly<Record<FloorKind, number>> = {
  point_of_order: 0,
  right_of_reply: 1,
  speaker: 2,
};

/** Longest speaking time the chair may set: an hour. */
export const MAX_SPEAKING_SECONDS = 3600;
