/** How a delegation may record its position on the adopted text (the schemas are in `shared/api/votes.ts`). */

export const ENDORSEMENT_KINDS = ['endorse', 'endorse_with_reservation', 'not_endorse'] as const;
export type EndorsementKind = (typeof ENDORSEMENT_KINDS)[number];
