/** Limits and labels of bracketed alternatives the browser and the server share (schemas: `shared/api/brackets.ts`). */

/** At most this many alternatives for one place (A to H). */
export const ALTERNATIVES_MAX = 8;
/** At most this many delegations sponsor one alternative. */
export const SPONSORS_MAX = 40;

/** The label of the alternative at `index`: A, B, C… */
export function alternativeLabel(index: number): string {
  return String.fromCharCode(65 + index);
}
