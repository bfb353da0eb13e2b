import { describe, expect, it } from 'vitest';
import type { StageStep } from '../../shared/domain/stages.js';
import { liveSteps, stepperStages } from './stageStepper.js';

const open = (type: 'clause' | 'amendment' | 'document') => ({ status: 'open' as const, subject: { type, id: 'x' } });
const closed = { status: 'closed' as const, subject: { type: 'document' as const, id: 'd' } };

describe('the stepper’s steps', () => {
  it('are the stage machine’s moves from the current stage, with no refusal when nothing holds them up', () => {
    expect(liveSteps({ stage: 'negotiation', stageMoves: [] }, [closed])).toEqual([
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: null },
      { to: 'adoption', way: 'forward', reasonRequired: false, refusal: null },
    ]);
    expect(liveSteps({ stage: 'adopted', stageMoves: [] }, [])).toEqual([]);
  });

  it('follow the votes the console knows are open, whatever the document said when it was read', () => {
    // Read before a vote opened: the server's answer still says nothing holds the moves up.
    const stageMoves: StageStep[] = [
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: null },
      { to: 'negotiation', way: 'back', reasonRequired: true, refusal: null },
      { to: 'adopted', way: 'adoption', reasonRequired: false, refusal: null },
    ];
    expect(liveSteps({ stage: 'adoption', stageMoves }, [open('clause')]).map((s) => s.refusal)).toEqual([
      'vote_open',
      'vote_open',
      null,
    ]);
    expect(liveSteps({ stage: 'adoption', stageMoves }, [open('document')]).map((s) => s.refusal)).toEqual([
      'vote_open',
      'vote_open',
      'vote_open',
    ]);
    // Read while a vote was open, which has closed since.
    const held = stageMoves.map((m) => ({ ...m, refusal: 'vote_open' }));
    expect(liveSteps({ stage: 'adoption', stageMoves: held }, [closed]).map((s) => s.refusal)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('keep the server’s word on the reader’s permission, per way of moving', () => {
    const stageMoves: StageStep[] = [
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: 'role_not_allowed' },
      { to: 'adoption', way: 'forward', reasonRequired: false, refusal: 'role_not_allowed' },
    ];
    expect(liveSteps({ stage: 'negotiation', stageMoves }, []).map((s) => s.refusal)).toEqual([
      'role_not_allowed',
      'role_not_allowed',
    ]);
  });
});

describe('the stepper’s stages', () => {
  it('are all four in order, the current one marked, each with the step that leads to it now', () => {
    const steps = liveSteps({ stage: 'adoption', stageMoves: [] }, []);
    expect(stepperStages('adoption', steps).map((s) => [s.stage, s.place, s.step?.way ?? null])).toEqual([
      ['drafting', 'done', 'back'],
      ['negotiation', 'done', 'back'],
      ['adoption', 'current', null],
      ['adopted', 'ahead', 'adoption'],
    ]);
    // From drafting, adopted is no step at all: it is reached from the adoption stage only.
    expect(
      stepperStages('drafting', liveSteps({ stage: 'drafting', stageMoves: [] }, [])).map((s) => s.step?.way ?? null),
    ).toEqual([null, 'forward', 'forward', null]);
  });
});
