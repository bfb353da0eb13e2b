import type { DocumentJson } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { STAGES, stageSteps, type Stage, type StageRefusal, type StageStep } from '../../shared/domain/stages.js';

/**
 * What the chair's stepper shows, decided from the stage machine (`shared/domain/stages.ts`) and from what the
 * console knows now. The server decides again on every press; this only keeps the stepper from offering a
 * move that would fail, and says why one is held up.
 */

/** The refusals the stage machine itself gives; any other refusal in `stageMoves` is a permission's. */
const MACHINE_REFUSALS: ReadonlySet<string> = new Set<StageRefusal>([
  'stage_final',
  'adoption_not_by_stage',
  'stage_move_not_allowed',
  'vote_open',
  'reason_required',
]);

/**
 * The steps out of the document's stage, held up by what the server said of this reader's permission
 * (`stageMoves` of `GET /api/documents/:id`) and by the votes open now as the console knows them: a vote opened
 * or closed reaches the console as an event before the document is read again, and the stepper follows it at once.
 */
export function liveSteps(
  doc: Pick<DocumentJson, 'stage' | 'stageMoves'>,
  votes: readonly Pick<VoteJson, 'status' | 'subject'>[],
): StageStep[] {
  const open = votes.filter((v) => v.status === 'open');
  const denial = (way: StageStep['way']): string | null => {
    const refusal = doc.stageMoves?.find((m) => m.way === way)?.refusal ?? null;
    return refusal && !MACHINE_REFUSALS.has(refusal) ? refusal : null;
  };
  return stageSteps(
    doc.stage,
    { voteOpen: open.length > 0, documentVoteOpen: open.some((v) => v.subject.type === 'document') },
    denial,
  );
}

/** One stage of the stepper: where it stands against the current stage, and the step that leads to it now, if any. */
export interface StepperStage {
  stage: Stage;
  /** `done`: before the current stage; `current`; `ahead`: after it. */
  place: 'done' | 'current' | 'ahead';
  /** The move from the current stage to this one, when the machine has one. */
  step: StageStep | null;
}

/** Every stage in order, each with its place and the step to it: what the stepper draws. */
export function stepperStages(stage: Stage, steps: readonly StageStep[]): StepperStage[] {
  const current = STAGES.indexOf(stage);
  return STAGES.map((s, i) => ({
    stage: s,
    place: i < current ? 'done' : i === current ? 'current' : 'ahead',
    step: steps.find((step) => step.to === s) ?? null,
  }));
}
