import { describe, expect, it } from 'vitest';
import { ACTIONS, decide, RULES, stagesFor } from './permissions.js';
import { ROLES, type Role } from './roles.js';
import { STAGES } from './stages.js';

const actor = (role: Role) => ({ role, delegation: role === 'head' || role === 'delegate' ? 'KAZ' : null });

describe('permissions table', () => {
  it('has a rule for every action', () => {
    for (const action of ACTIONS) expect(RULES[action]).toBeDefined();
  });

  it.each([
    ['delegate', 'drafting', 'open', true],
    ['delegate', 'negotiation', 'open', false],
    ['secretariat', 'negotiation', 'open', true],
    ['secretariat', 'adoption', 'open', false],
    ['head', 'adopted', 'open', false],
    ['observer', 'drafting', 'open', false],
    ['chair', 'drafting', 'open', false],
    ['secretariat', 'drafting', 'agreed_ad_ref', false],
    ['delegate', 'drafting', 'agreed_ad_ref', false],
  ] as const)('clause.write: %s in %s on a %s clause → %s', (role, stage, clauseStatus, allowed) => {
    expect(decide(actor(role), 'clause.write', { stage, clauseStatus }).allowed).toBe(allowed);
  });

  it('gives the reason of a refusal', () => {
    expect(decide(actor('observer'), 'comment.create', { stage: 'drafting' })).toEqual({
      allowed: false,
      reason: 'role_not_allowed',
    });
    expect(decide(actor('delegate'), 'clause.write', { stage: 'negotiation' })).toEqual({
      allowed: false,
      reason: 'stage_not_allowed',
    });
    expect(decide(actor('secretariat'), 'clause.write', { stage: 'drafting', clauseStatus: 'agreed_ad_ref' })).toEqual({
      allowed: false,
      reason: 'clause_locked',
    });
    expect(decide({ role: 'head', delegation: null }, 'ballot.cast', { stage: 'adoption' })).toEqual({
      allowed: false,
      reason: 'no_delegation',
    });
  });

  it('lets only the chair move stages, and only the admin administer', () => {
    for (const role of ROLES) {
      expect(decide(actor(role), 'document.stage', { stage: 'drafting' }).allowed).toBe(role === 'chair');
      expect(decide(actor(role), 'admin.manage').allowed).toBe(role === 'admin');
    }
  });

  it('never lets an observer write anything', () => {
    // Printing a meeting's record or the compilation table reads, as an export does.
    const reads: readonly string[] = ['document.read', 'document.export', 'record.export'];
    const writes = ACTIONS.filter((a) => !reads.includes(a));
    for (const action of writes)
      for (const stage of STAGES) expect(stagesFor(action, 'observer').includes(stage)).toBe(false);
  });
});
