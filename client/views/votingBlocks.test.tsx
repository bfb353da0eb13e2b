// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FloorEntryJson } from '../../shared/api/floor.js';
import type { SilenceJson } from '../../shared/api/silence.js';
import { mount } from '../components/bridge.js';
import { Fingerprint, KeyFingerprint } from '../components/fingerprint.js';
import { FloorClock } from '../components/floorClock.js';
import { initI18n } from '../i18n/index.js';
import { StepperNote } from './adoptionRecord.js';
import { FloorEntryLine } from './floorLabels.js';
import { SilenceSummary } from './silenceSummary.js';
import { LapsedBlock, LapsedCard, ResultBlock, RollCall } from './votingBlocks.js';
import { ballot, data, delegations, doc, vote } from './votingFixtures.js';

const closed = vote('v1', {
  status: 'closed',
  ballots: [ballot('DEU', 'yes'), ballot('FRA', 'no')],
  result: { outcome: 'adopted', yes: 1, no: 1, abstain: 0, registered: 2 } as never,
});

describe('the parts every voting screen draws', () => {
  beforeAll(() => initI18n());
  afterEach(() => vi.useRealTimers());

  it('draws a result as its outcome in words and the counts, and a lapsed vote as deciding nothing', () => {
    const result = mount(<ResultBlock vote={closed} />).el.firstElementChild as HTMLElement;
    expect(result.className).toBe('vote-result outcome-adopted');
    expect(result.dataset.outcome).toBe('adopted');
    expect(result.querySelector('strong.outcome')!.textContent).toBe('Adopted');
    expect(result.querySelector('.counts')!.textContent).toMatch(/Yes 1/);
    const lapsed = mount(<LapsedBlock />).el.querySelector('.vote-lapsed') as HTMLElement;
    expect(lapsed.dataset.outcome).toBe('lapsed');
    expect(lapsed.querySelector('.outcome')!.textContent).toBe('Lapsed at adoption');
    const card = mount(<LapsedCard vote={vote('v2', { status: 'lapsed' })} data={data()} />).el.firstElementChild!;
    expect(card.matches('article.vote-card.lapsed[data-vote-id="v2"][data-status="lapsed"]')).toBe(true);
    expect(card.querySelector('.vote-subject')!.textContent).toBe('OP2');
  });

  it('draws the recorded vote as a table, a row per delegation with its flag, name and choice', () => {
    const table = mount(<RollCall vote={closed} delegations={delegations} />).el.querySelector('table.roll-call')!;
    expect(table.querySelector('caption')!.textContent).toBe('Recorded vote');
    const rows = [...table.querySelectorAll('tbody tr')] as HTMLElement[];
    expect(rows.map((r) => r.dataset.delegation)).toEqual(['DEU', 'FRA']);
    expect(rows[0]!.querySelector('th[scope="row"] .flag[data-code="DEU"]')).not.toBeNull();
    expect(rows[0]!.querySelector('th')!.textContent).toBe('DEU Germany');
    expect(rows[1]!.querySelector('td')!.className).toBe('choice choice-no');
  });

  it('shows a fingerprint short to read out and whole to compare, and a key as it is published', () => {
    const hex = 'ab'.repeat(32);
    const el = mount(<Fingerprint hex={hex} fullLabel="Full value" />).el.querySelector('.fingerprint') as HTMLElement;
    expect(el.dataset.fingerprint).toBe(hex);
    expect(el.querySelector('.fingerprint-short')!.textContent).toMatch(/^abab.* …$/);
    expect(el.querySelector('.visually-hidden')!.textContent).toBe('Full value: ');
    expect(el.querySelector('.fingerprint-full')!.textContent).toMatch(/^abab abab/);
    const key = mount(<KeyFingerprint fingerprint="ed25519:8c44" />).el.querySelector('code')!;
    expect(key.className).toBe('key-fingerprint');
    expect(key.dataset.keyFingerprint).toBe('ed25519:8c44');
  });

  it('says under the stepper how the stages go, and once adopted, the record of the adoption', () => {
    expect(mount(<StepperNote data={data()} />).el.querySelector('p.hint')).not.toBeNull();
    const adopted = data([vote('v3', { status: 'lapsed' })], {
      doc: {
        ...doc('adopted'),
        adoption: { method: 'vote', fingerprint: 'cd'.repeat(32), stateVector: '', at: '', entry: 1 },
      } as never,
    });
    const { el } = mount(<StepperNote data={adopted} />);
    expect(el.querySelector('dl.adoption-record .fingerprint')).not.toBeNull();
    expect(el.querySelectorAll('.lapsed-list li')).toHaveLength(1);
  });

  it('draws a running silence with its countdown ticking on its own, and the statements that broke it', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
    const silence = {
      id: 's',
      status: 'running',
      deadline: '2026-12-06T10:05:00Z',
      breaks: [{ delegation: 'FRA', statement: 'We object.', at: '' }],
    } as unknown as SilenceJson;
    const { el } = mount(<SilenceSummary silence={silence} delegations={delegations} />);
    expect(el.querySelector('.chip.chip-accent')!.textContent).toBe('Under silence');
    const countdown = el.querySelector('.silence-countdown[role="timer"]')!;
    const before = countdown.textContent;
    await act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(countdown.textContent).not.toBe(before);
    expect(el.querySelector('.silence-statements li .flag[data-code="FRA"]')).not.toBeNull();
    expect(el.querySelector('.silence-statement')!.textContent).toBe('We object.');
  });

  it('draws a floor request on one line and the speaker’s clock over time in words', () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:03:00Z') });
    const entry = {
      id: 'f',
      delegation: 'FRA',
      kind: 'point_of_order',
      subject: { type: 'general' },
      grantedAt: '2026-12-06T10:00:00Z',
      speakingSeconds: 120,
    } as unknown as FloorEntryJson;
    const line = mount(<FloorEntryLine entry={entry} data={data()} />).el.querySelector('.floor-entry')!;
    expect(line.querySelector('.floor-delegation')!.textContent).toBe('France');
    expect(line.querySelector('.chip.floor-kind.chip-danger')).not.toBeNull();
    expect(line.querySelector('.floor-subject')!.textContent).toBe('General debate');
    const clock = mount(<FloorClock entry={entry} serverNow={() => Date.now()} />).el.querySelector('.floor-clock')!;
    expect(clock.classList.contains('floor-clock-over')).toBe(true);
    expect(clock.getAttribute('role')).toBe('timer');
  });
});
