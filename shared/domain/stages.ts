/** The stages a declaration moves through, in order. */
export const STAGES = ['drafting', 'negotiation', 'adoption', 'adopted'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * How a move between two stages is made:
 * - `forward`: the chair's stage button (`POST /api/documents/:id/stage`), no reason needed;
 * - `back`: the same button, with a reason the ledger keeps and everyone is told;
 * - `adoption`: never the button. Only closing a vote on the whole text that adopts it, or the chair's
 *   recorded decision "adopted without a vote" (`POST /api/documents/:id/adoption`), makes a text adopted.
 */
export type StageMoveWay = 'forward' | 'back' | 'adoption';

/** One move of the stage machine. */
export interface StageMove {
  from: Stage;
  to: Stage;
  way: StageMoveWay;
}

/**
 * The stage machine: every move the procedure allows, and how it is made; a pair not listed is no move.
 * Forward, the chair may skip negotiation (a text with no amendments phase goes straight to adoption);
 * opening a vote on the whole text during negotiation also moves it to adoption. Adoption is reached from
 * the adoption stage only, where the text is already frozen for everyone, so the fingerprint the ledger
 * records is taken of a text nobody is typing in. Once adopted, nothing moves: adoption is final.
 */
export const STAGE_MOVES: readonly StageMove[] = [
  { from: 'drafting', to: 'negotiation', way: 'forward' },
  { from: 'drafting', to: 'adoption', way: 'forward' },
  { from: 'negotiation', to: 'drafting', way: 'back' },
  { from: 'negotiation', to: 'adoption', way: 'forward' },
  { from: 'adoption', to: 'drafting', way: 'back' },
  { from: 'adoption', to: 'negotiation', way: 'back' },
  { from: 'adoption', to: 'adopted', way: 'adoption' },
];

/** The move from one stage to another, or undefined when the machine has none. */
export function stageMove(from: Stage, to: Stage): StageMove | undefined {
  return STAGE_MOVES.find((m) => m.from === from && m.to === to);
}

/** The moves out of a stage, in the order of the stage each leads to. */
export function movesFrom(from: Stage): StageMove[] {
  return STAGE_MOVES.filter((m) => m.from === from).sort((a, b) => STAGES.indexOf(a.to) - STAGES.indexOf(b.to));
}

/**
 * Why a move is refused; each is an error id of the API (`shared/api/errors.ts`):
 * - `stage_final` (409): the text is adopted, nothing moves any more;
 * - `adoption_not_by_stage` (409): `adopted` is never reached by the stage button;
 * - `stage_move_not_allowed` (409): the machine has no such move;
 * - `vote_open` (409): a vote of the document is open (for adoption: a vote on the whole text);
 * - `reason_required` (400): going back states why.
 */
export type StageRefusal =
  'stage_final' | 'adoption_not_by_stage' | 'stage_move_not_allowed' | 'vote_open' | 'reason_required';

/** What a stage decision depends on besides the two stages. */
export interface StageSituation {
  /** Any vote of the document is open (clause, amendment or whole text). */
  voteOpen: boolean;
  /** A vote on the whole text is open. */
  documentVoteOpen?: boolean;
  /** The reason given, if any; blank counts as none. */
  reason?: string | null;
}

/**
 * Why the chair's stage button may not move a document from `from` to `to` now, or null when it may. Checked
 * in this order: adoption is final; `adopted` is never a button's; the move must exist; no vote may be open
 * (a stage change under a running vote would change the rules while delegations vote); going back needs a
 * reason. Moving to the stage the document is in is no move; the caller answers it without a change.
 */
export function stageButtonRefusal(from: Stage, to: Stage, situation: StageSituation): StageRefusal | null {
  const refusal = buttonMoveRefusal(from, to, situation);
  if (refusal) return refusal;
  if (stageMove(from, to)!.way === 'back' && !(situation.reason ?? '').trim()) return 'reason_required';
  return null;
}

/** `stageButtonRefusal` before the reason is asked for. */
function buttonMoveRefusal(from: Stage, to: Stage, situation: StageSituation): StageRefusal | null {
  if (from === 'adopted') return 'stage_final';
  if (to === 'adopted') return 'adoption_not_by_stage';
  if (!stageMove(from, to)) return 'stage_move_not_allowed';
  if (situation.voteOpen) return 'vote_open';
  return null;
}

/**
 * Why the chair may not record the text as adopted without a vote now, or null when they may. Only from the
 * adoption stage (the permissions table says who and when; this says what else must hold): a vote on the
 * whole text that is open must be closed first, since its result would contradict the decision. Other open
 * votes do not hold it up: they lapse at adoption.
 */
export function adoptionRefusal(from: Stage, situation: StageSituation): StageRefusal | null {
  if (from === 'adopted') return 'stage_final';
  if (!stageMove(from, 'adopted')) return 'stage_move_not_allowed';
  if (situation.documentVoteOpen) return 'vote_open';
  return null;
}

/** One step of the stepper a client draws from the current stage. */
export interface StageStep {
  to: Stage;
  way: StageMoveWay;
  /** The move asks for a reason (going back). */
  reasonRequired: boolean;
  /**
   * Why the reader may not take this step now (a `StageRefusal`, or a permission denial such as
   * `role_not_allowed`); null when they may. For `adoption` it concerns adoption without a vote; a vote on the
   * whole text is opened through the votes API.
   */
  refusal: string | null;
}

/**
 * The steps out of `from`, each with what holds it up now. `denial` gives the permission's answer for this
 * reader and a way of moving (null when they may; the stage button and adoption are two actions of the
 * permissions table): a step they may not take has it as its refusal. The reason a step back needs is asked
 * when it is taken, so it is not a refusal here.
 */
export function stageSteps(
  from: Stage,
  situation: Omit<StageSituation, 'reason'>,
  denial: (way: StageMoveWay) => string | null = () => null,
): StageStep[] {
  return movesFrom(from).map((m) => ({
    to: m.to,
    way: m.way,
    reasonRequired: m.way === 'back',
    refusal:
      denial(m.way) ??
      (m.way === 'adoption' ? adoptionRefusal(from, situation) : buttonMoveRefusal(from, m.to, situation)),
  }));
}

/** True once the text can no longer be edited by anyone. */
export function isTextFrozen(stage: Stage): boolean {
  return stage === 'adoption' || stage === 'adopted';
}
