import { describe, expect, it } from 'vitest';
import {
  carries,
  choiceVisible,
  countBallots,
  isValidQuorum,
  quorumProblem,
  requiredParticipants,
  tally,
  type BallotChoice,
  type CountedBallot,
  type VoteOutcome,
  type VoteRule,
} from './tally.js';

/** Ballots from a compact spec: 'yyn a' → three delegations yes, yes, no… (spaces ignored, a = abstain). */
function ballots(spec: string): CountedBallot[] {
  const choice: Record<string, BallotChoice> = { y: 'yes', n: 'no', a: 'abstain' };
  return [...spec.replace(/\s/g, '')].map((c, i) => ({
    delegation: `D${String(i).padStart(2, '0')}`,
    choice: choice[c]!,
  }));
}

describe('tally', () => {
  const cases: {
    name: string;
    rule: VoteRule;
    spec: string;
    registered?: number;
    quorum?: number;
    outcome: VoteOutcome;
  }[] = [
    // simple majority of those present and voting
    { name: 'majority: more yes than no', rule: 'simple_majority', spec: 'yyn', outcome: 'adopted' },
    { name: 'majority: more no than yes', rule: 'simple_majority', spec: 'ynn', outcome: 'not_adopted' },
    { name: 'majority: a tie fails', rule: 'simple_majority', spec: 'yynn', outcome: 'not_adopted' },
    {
      name: 'majority: abstentions do not count as voting',
      rule: 'simple_majority',
      spec: 'y aaaaa',
      outcome: 'adopted',
    },
    {
      name: 'majority: abstentions cannot turn a tie',
      rule: 'simple_majority',
      spec: 'yn aaa',
      outcome: 'not_adopted',
    },
    { name: 'majority: only abstentions is a 0–0 tie', rule: 'simple_majority', spec: 'aaa', outcome: 'not_adopted' },
    { name: 'majority: one yes alone', rule: 'simple_majority', spec: 'y', outcome: 'adopted' },
    // two-thirds of those present and voting
    { name: 'two-thirds: exactly two thirds carries', rule: 'two_thirds', spec: 'yyn', outcome: 'adopted' },
    { name: 'two-thirds: just under fails', rule: 'two_thirds', spec: 'yyyyy nnn', outcome: 'not_adopted' },
    {
      name: 'two-thirds: 20 of 30 carries',
      rule: 'two_thirds',
      spec: 'y'.repeat(20) + 'n'.repeat(10),
      outcome: 'adopted',
    },
    {
      name: 'two-thirds: 19 of 29 fails',
      rule: 'two_thirds',
      spec: 'y'.repeat(19) + 'n'.repeat(10),
      outcome: 'not_adopted',
    },
    {
      name: 'two-thirds: abstentions are left out of the base',
      rule: 'two_thirds',
      spec: 'yyn aaaaaaa',
      outcome: 'adopted',
    },
    { name: 'two-thirds: half is not enough', rule: 'two_thirds', spec: 'yn', outcome: 'not_adopted' },
    { name: 'two-thirds: no one voting fails', rule: 'two_thirds', spec: 'aa', outcome: 'not_adopted' },
    { name: 'two-thirds: unanimous', rule: 'two_thirds', spec: 'yyyy', outcome: 'adopted' },
    // consensus: adopted unless a delegation objects
    { name: 'consensus: no objection', rule: 'consensus', spec: 'yyyy', outcome: 'adopted' },
    { name: 'consensus: abstentions are not objections', rule: 'consensus', spec: 'yy aa', outcome: 'adopted' },
    { name: 'consensus: only abstentions, no objection', rule: 'consensus', spec: 'aaa', outcome: 'adopted' },
    { name: 'consensus: one objection blocks', rule: 'consensus', spec: 'y'.repeat(39) + 'n', outcome: 'not_adopted' },
    { name: 'consensus: objection among abstentions blocks', rule: 'consensus', spec: 'n aaa', outcome: 'not_adopted' },
    // quorum
    { name: 'quorum: no ballot at all decides nothing', rule: 'consensus', spec: '', outcome: 'no_quorum' },
    {
      name: 'quorum: share met exactly (half of 40 = 20)',
      rule: 'simple_majority',
      spec: 'y'.repeat(20),
      registered: 40,
      quorum: 0.5,
      outcome: 'adopted',
    },
    {
      name: 'quorum: share missed by one',
      rule: 'simple_majority',
      spec: 'y'.repeat(19),
      registered: 40,
      quorum: 0.5,
      outcome: 'no_quorum',
    },
    {
      name: 'quorum: share rounds up (half of 41 = 21)',
      rule: 'simple_majority',
      spec: 'y'.repeat(20),
      registered: 41,
      quorum: 0.5,
      outcome: 'no_quorum',
    },
    {
      name: 'quorum: abstentions count as present',
      rule: 'simple_majority',
      spec: 'yn' + 'a'.repeat(18),
      registered: 40,
      quorum: 0.5,
      outcome: 'not_adopted',
    },
    {
      name: 'quorum: abstentions make the quorum, the yes carries',
      rule: 'simple_majority',
      spec: 'y' + 'a'.repeat(19),
      registered: 40,
      quorum: 0.5,
      outcome: 'adopted',
    },
    {
      name: 'quorum: absolute number met',
      rule: 'two_thirds',
      spec: 'yyyyy',
      registered: 193,
      quorum: 5,
      outcome: 'adopted',
    },
    {
      name: 'quorum: absolute number missed',
      rule: 'two_thirds',
      spec: 'yyyy',
      registered: 193,
      quorum: 5,
      outcome: 'no_quorum',
    },
    {
      name: 'quorum: a share of 1 is everyone',
      rule: 'consensus',
      spec: 'yyy',
      registered: 4,
      quorum: 1,
      outcome: 'no_quorum',
    },
    { name: 'quorum: everyone present', rule: 'consensus', spec: 'yyya', registered: 4, quorum: 1, outcome: 'adopted' },
    {
      name: 'quorum: checked before consensus',
      rule: 'consensus',
      spec: 'n',
      registered: 40,
      quorum: 0.5,
      outcome: 'no_quorum',
    },
    {
      name: 'quorum: two-thirds share of 30 is 20',
      rule: 'simple_majority',
      spec: 'y'.repeat(20),
      registered: 30,
      quorum: 2 / 3,
      outcome: 'adopted',
    },
  ];

  it.each(cases)('$name', ({ rule, spec, registered, quorum, outcome }) => {
    const result = tally(rule, ballots(spec), { registered: registered ?? 40, quorum });
    expect(result.outcome).toBe(outcome);
  });

  it('reports counts by State, with the quorum it applied', () => {
    expect(tally('simple_majority', ballots('yyy nn a'), { registered: 40, quorum: 0.1 })).toEqual({
      outcome: 'adopted',
      yes: 3,
      no: 2,
      abstain: 1,
      present: 6,
      registered: 40,
      required: 4,
    });
  });

  it('counts present from the roll when one was taken: those on it and those that voted, each once', () => {
    // Ten on the roll, two of whom voted, and one voter the roll missed: eleven present.
    const roll = ['D00', 'D01', ...Array.from({ length: 8 }, (_, i) => `R${i}`)];
    const result = tally('simple_majority', ballots('y n y'), { registered: 40, quorum: 0.25, roll });
    expect(result).toMatchObject({ outcome: 'adopted', yes: 2, no: 1, abstain: 0, present: 11, required: 10 });
    expect(result.roll).toEqual([...roll].sort());
    // Without the roll the same ballots are three present, short of the quorum.
    expect(tally('simple_majority', ballots('y n y'), { registered: 40, quorum: 0.25 })).toMatchObject({
      outcome: 'no_quorum',
      present: 3,
    });
    expect(tally('simple_majority', ballots('y n y'), { registered: 40, quorum: 0.25 }).roll).toBeUndefined();
  });

  it('finds no quorum when the roll is short, whatever the ballots', () => {
    expect(tally('consensus', ballots('yy'), { registered: 40, quorum: 0.5, roll: ['D00', 'D01', 'X'] })).toMatchObject(
      { outcome: 'no_quorum', present: 3, required: 20 },
    );
  });

  it('refuses a second ballot from the same State', () => {
    const twice: CountedBallot[] = [
      { delegation: 'KAZ', choice: 'yes' },
      { delegation: 'KAZ', choice: 'no' },
    ];
    expect(() => tally('simple_majority', twice, { registered: 40 })).toThrow(RangeError);
  });

  it('refuses an unknown choice', () => {
    expect(() => countBallots([{ delegation: 'KAZ', choice: 'maybe' as BallotChoice }])).toThrow(RangeError);
  });
});

describe('carries', () => {
  it.each([
    ['consensus', 0, 0, true],
    ['consensus', 10, 1, false],
    ['simple_majority', 1, 0, true],
    ['simple_majority', 0, 0, false],
    ['simple_majority', 5, 5, false],
    ['two_thirds', 2, 1, true],
    ['two_thirds', 0, 0, false],
    ['two_thirds', 66, 34, false],
    ['two_thirds', 67, 33, true],
  ] as const)('%s with %i yes, %i no → %s', (rule, yes, no, expected) => {
    expect(carries(rule, { yes, no })).toBe(expected);
  });
});

describe('quorum', () => {
  it.each([
    [undefined, 40, 1],
    [null, 0, 1],
    [0.5, 40, 20],
    [0.5, 41, 21],
    [1, 40, 40],
    [0.01, 40, 1],
    [2 / 3, 30, 20],
    [2 / 3, 193, 129],
    [2, 40, 2],
    [97, 193, 97],
  ] as const)('quorum %s of %i registered needs %i', (quorum, registered, required) => {
    expect(requiredParticipants(quorum, registered)).toBe(required);
  });

  it.each([
    [0, false],
    [-0.5, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [0.25, true],
    [1, true],
    [3, true],
  ] as const)('%s is a valid quorum: %s', (quorum, valid) => {
    expect(isValidQuorum(quorum)).toBe(valid);
  });

  it.each([
    [1e-300, 40, /less than one delegation/],
    [0.01, 40, /less than one delegation/],
    [0.024, 40, /less than one delegation/],
    [0.5, 0, /less than one delegation/],
    [41, 40, /more than the 40 registered/],
    [2, 1, /more than the 1 registered/],
    [1.5, 40, /neither a share/],
    [0.025, 40, null],
    [1 / 3, 3, null],
    [1 / 41, 41, null],
    [1, 40, null],
    [40, 40, null],
    [2, 40, null],
  ] as const)('quorum %s among %i registered: %s', (quorum, registered, problem) => {
    const found = quorumProblem(quorum, registered);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('throws on an invalid quorum', () => {
    expect(() => requiredParticipants(1.5, 40)).toThrow(RangeError);
    expect(() => requiredParticipants(0.5, -1)).toThrow(RangeError);
  });
});

describe('choiceVisible', () => {
  it.each([
    ['chair', null, false, 'KAZ', true],
    ['head', 'KAZ', false, 'KAZ', true],
    ['delegate', 'KAZ', false, 'KAZ', true],
    ['head', 'FRA', false, 'KAZ', false],
    ['observer', null, false, 'KAZ', false],
    ['secretariat', null, false, 'KAZ', false],
    ['admin', null, false, 'KAZ', false],
    ['observer', null, true, 'KAZ', true],
    ['head', 'FRA', true, 'KAZ', true],
  ] as const)('%s of %s, closed %s, ballot of %s → %s', (role, delegation, closed, ballot, visible) => {
    expect(choiceVisible({ role, delegation }, closed, ballot)).toBe(visible);
  });
});
