/** The stages a declaration moves through, in order. */
export const STAGES = ['drafting', 'negotiation', 'adoption', 'adopted'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Whether the chair may move a document from one stage to another. Any move forward is allowed (a text may
 * go straight to adoption); a move back is allowed until the text is adopted, which is final.
 */
export function canMoveStage(from: Stage, to: Stage): boolean {
  if (from === to) return false;
  return from !== 'adopted';
}

/** True once the text can no longer be edited by anyone. */
export function isTextFrozen(stage: Stage): boolean {
  return stage === 'adoption' || stage === 'adopted';
}
