// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { nextStep, NowPanel } from './chairNow.js';
import type { VotingData } from './votingCommon.js';

const data = (over: Partial<VotingData> = {}): VotingData =>
  ({
    doc: {
      id: 'd',
      stage: 'negotiation',
      clauses: [
        { id: 't', kind: 'title', ref: 'Title', text: 'A declaration' },
        { id: 'c1', kind: 'operative', ref: 'OP1', text: 'Calls upon States to act.' },
      ],
    },
    votes: [],
    delegations: [],
    amendments: [],
    now: { clauseId: null },
    ...over,
  }) as unknown as VotingData;

describe('the chair console’s current item', () => {
  beforeAll(() => initI18n());

  it('asks for a clause when nothing is under discussion', () => {
    expect(nextStep(data(), true)).toEqual({ kind: 'discuss' });
  });

  it('offers one primary action, a vote on the clause under discussion, where one may be opened', () => {
    const now = data({ now: { clauseId: 'c1' } as VotingData['now'] });
    expect(nextStep(now, true)).toEqual({ kind: 'vote', ref: 'OP1', subject: { type: 'clause', id: 'c1' } });
    expect(nextStep(now, false)).toEqual({ kind: 'none', ref: 'OP1' });
    const chosen: unknown[] = [];
    const panel = NowPanel({ data: () => now, votesOpenAtStage: () => true, choose: (s) => chosen.push(s) });
    panel.update();
    const buttons = panel.el.querySelectorAll('button');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.className).toContain('btn-primary');
    expect(buttons[0]!.textContent).toBe('Open a vote on OP1');
    buttons[0]!.click();
    expect(chosen).toEqual([{ type: 'clause', id: 'c1' }]);
  });

  it('points to the votes in progress while a vote is open, with no second button', () => {
    const open = data({
      now: { clauseId: 'c1' } as VotingData['now'],
      votes: [{ id: 'v', status: 'open', subject: { type: 'clause', id: 'c1' } }] as unknown as VotingData['votes'],
    });
    expect(nextStep(open, true).kind).toBe('voting');
    const panel = NowPanel({ data: () => open, votesOpenAtStage: () => true, choose: () => {} });
    panel.update();
    expect(panel.el.querySelectorAll('button')).toHaveLength(0);
    expect(panel.el.textContent).toContain('A vote is open');
  });
});
