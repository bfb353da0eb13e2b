import { describe, expect, it } from 'vitest';
import {
  STAGES,
  STAGE_MOVES,
  adoptionRefusal,
  movesFrom,
  stageButtonRefusal,
  stageMove,
  stageSteps,
  type Stage,
  type StageRefusal,
} from './stages.js';

const IDLE = { voteOpen: false, documentVoteOpen: false };

describe('the stage machine', () => {
  // Every ordered pair of distinct stages: the machine's way, or none.
  const WAYS: [Stage, Stage, string | undefined][] = [
    ['drafting', 'negotiation', 'forward'],
    ['drafting', 'adoption', 'forward'],
    ['drafting', 'adopted', undefined],
    ['negotiation', 'drafting', 'back'],
    ['negotiation', 'adoption', 'forward'],
    ['negotiation', 'adopted', undefined],
    ['adoption', 'drafting', 'back'],
    ['adoption', 'negotiation', 'back'],
    ['adoption', 'adopted', 'adoption'],
    ['adopted', 'drafting', undefined],
    ['adopted', 'negotiation', undefined],
    ['adopted', 'adoption', undefined],
  ];

  it.each(WAYS)('%s → %s is %s', (from, to, way) => {
    expect(stageMove(from, to)?.way).toBe(way);
  });

  it('lists each move once, between two different stages, and covers every pair above', () => {
    expect(STAGE_MOVES.filter((m) => m.from === m.to)).toEqual([]);
    expect(new Set(STAGE_MOVES.map((m) => `${m.from}>${m.to}`)).size).toBe(STAGE_MOVES.length);
    expect(WAYS).toHaveLength(STAGES.length * (STAGES.length - 1));
    expect(STAGE_MOVES).toHaveLength(WAYS.filter(([, , way]) => way).length);
  });

  it('reaches adopted only by adoption, and leaves it never', () => {
    expect(STAGE_MOVES.filter((m) => m.to === 'adopted').map((m) => m.way)).toEqual(['adoption']);
    expect(movesFrom('adopted')).toEqual([]);
  });

  it('orders the moves out of a stage by the stage they lead to', () => {
    expect(movesFrom('adoption').map((m) => m.to)).toEqual(['drafting', 'negotiation', 'adopted']);
    expect(movesFrom('drafting').map((m) => m.to)).toEqual(['negotiation', 'adoption']);
  });
});

describe('the chair’s stage button', () => {
  const CASES: [Stage, Stage, { voteOpen: boolean; reason?: string | null }, StageRefusal | null][] = [
    ['drafting', 'negotiation', { voteOpen: false }, null],
    ['drafting', 'adoption', { voteOpen: false }, null],
    ['negotiation', 'adoption', { voteOpen: false }, null],
    ['negotiation', 'adoption', { voteOpen: true }, 'vote_open'],
    ['adoption', 'drafting', { voteOpen: false, reason: 'Reopen OP2.' }, null],
    ['adoption', 'drafting', { voteOpen: true, reason: 'Reopen OP2.' }, 'vote_open'],
    ['adoption', 'negotiation', { voteOpen: false }, 'reason_required'],
    ['adoption', 'negotiation', { voteOpen: false, reason: ' \n ' }, 'reason_required'],
    ['adoption', 'negotiation', { voteOpen: false, reason: null }, 'reason_required'],
    ['negotiation', 'drafting', { voteOpen: false, reason: 'Restructure.' }, null],
    ['drafting', 'adopted', { voteOpen: false }, 'adoption_not_by_stage'],
    ['negotiation', 'adopted', { voteOpen: false }, 'adoption_not_by_stage'],
    ['adoption', 'adopted', { voteOpen: false }, 'adoption_not_by_stage'],
    ['adopted', 'drafting', { voteOpen: false, reason: 'Reopen.' }, 'stage_final'],
    ['adopted', 'adoption', { voteOpen: false }, 'stage_final'],
    // A forward move may carry a reason; it is not asked for.
    ['drafting', 'negotiation', { voteOpen: false, reason: 'Base text ready.' }, null],
  ];

  it.each(CASES)('%s → %s with %j: %s', (from, to, situation, refusal) => {
    expect(stageButtonRefusal(from, to, situation)).toBe(refusal);
  });
});

describe('adoption without a vote', () => {
  const CASES: [Stage, { voteOpen: boolean; documentVoteOpen: boolean }, StageRefusal | null][] = [
    ['adoption', IDLE, null],
    // Other votes lapse at adoption; a vote on the whole text would contradict the decision.
    ['adoption', { voteOpen: true, documentVoteOpen: false }, null],
    ['adoption', { voteOpen: true, documentVoteOpen: true }, 'vote_open'],
    ['drafting', IDLE, 'stage_move_not_allowed'],
    ['negotiation', IDLE, 'stage_move_not_allowed'],
    ['adopted', IDLE, 'stage_final'],
  ];

  it.each(CASES)('from %s with %j: %s', (from, situation, refusal) => {
    expect(adoptionRefusal(from, situation)).toBe(refusal);
  });
});

describe('the stepper’s steps', () => {
  it('gives each step out of the stage its way, whether it asks a reason, and what holds it up', () => {
    expect(stageSteps('negotiation', IDLE)).toEqual([
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: null },
      { to: 'adoption', way: 'forward', reasonRequired: false, refusal: null },
    ]);
    expect(stageSteps('adoption', { voteOpen: true, documentVoteOpen: false }).map((s) => s.refusal)).toEqual([
      'vote_open',
      'vote_open',
      null,
    ]);
    expect(stageSteps('adopted', IDLE)).toEqual([]);
  });

  it('gives a reader who may not move stages the permission’s denial on every step', () => {
    expect(stageSteps('drafting', IDLE, () => 'role_not_allowed').map((s) => s.refusal)).toEqual([
      'role_not_allowed',
      'role_not_allowed',
    ]);
    // Each way asks its own permission: here the button is allowed and adoption is not.
    const steps = stageSteps('adoption', IDLE, (way) => (way === 'adoption' ? 'stage_not_allowed' : null));
    expect(steps.map((s) => s.refusal)).toEqual([null, null, 'stage_not_allowed']);
  });
});
