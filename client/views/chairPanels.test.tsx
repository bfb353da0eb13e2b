// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VoteJson } from '../../shared/api/votes.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Agenda } from './chairAgenda.js';
import { Now, nextStep } from './chairNow.js';
import { LiveVotes, PastVotes } from './chairVoteLists.js';
import type { VotingData } from './votingCommon.js';
import { ballot, consoleData, voteOnClause } from './votingFixtures.js';

const names = (en: string) => ({ en, ru: en, kk: en });

const delegations = [
  { code: 'KAZ', names: names('Kazakhstan') },
  { code: 'FRA', names: names('France') },
  { code: 'BRA', names: names('Brazil') },
] as unknown as VotingData['delegations'];
const clauses = [
  { id: 't', kind: 'title', ref: 'Title', text: 'A declaration', status: 'open' },
  { id: 'c1', kind: 'operative', ref: 'OP1', text: 'Calls upon States to act.', status: 'open' },
  { id: 'c2', kind: 'operative', ref: 'OP2', text: 'Decides to remain seized.', status: 'agreed_ad_ref' },
];
const data = (over: Partial<VotingData> = {}): VotingData => consoleData({ delegations, ...over }, clauses);

const openVote = voteOnClause('v1', 'c1', { ballots: [ballot('FRA', 'yes')], voted: ['FRA'] });

const agendaOf = (d: VotingData, chosen: unknown[] = []) =>
  mount(
    <Agenda
      data={d}
      actions={new Actions()}
      documentId="d"
      votesOpenAtStage
      choose={(s) => chosen.push(s)}
      discussed={() => {}}
    />,
  );

describe('the chair’s console, drawn', () => {
  beforeAll(() => initI18n());

  it('asks for a clause when nothing is under discussion, and offers one primary action when one is', () => {
    expect(nextStep(data(), true)).toEqual({ kind: 'discuss' });
    const now = data({ now: { ...data().now, clauseId: 'c1' } });
    expect(nextStep(now, false)).toEqual({ kind: 'none', ref: 'OP1' });
    const chosen: unknown[] = [];
    const { el } = mount(<Now data={now} votesOpenAtStage choose={(s) => chosen.push(s)} />);
    expect(el.querySelector('.chair-now-item')?.textContent).toBe('OP1 Calls upon States to act.');
    const buttons = el.querySelectorAll('button');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.className).toContain('btn-primary');
    expect(buttons[0]!.textContent).toBe('Open a vote on OP1');
    buttons[0]!.click();
    expect(chosen).toEqual([{ type: 'clause', id: 'c1' }]);
  });

  it('points to the votes in progress while a vote is open, with no second button', () => {
    const open = data({ now: { ...data().now, clauseId: 'c1' }, votes: [openVote] });
    const { el } = mount(<Now data={open} votesOpenAtStage choose={() => {}} />);
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(el.textContent).toContain('A vote is open');
  });

  it('lists the clauses (not the title), the current one pressed, a vote offered only where one may open', () => {
    const chosen: unknown[] = [];
    const onOp2 = { ...openVote, subject: { type: 'clause', id: 'c2' } } as VoteJson;
    const { el } = agendaOf(data({ now: { ...data().now, clauseId: 'c1' }, votes: [onOp2] }), chosen);
    const items = [...el.querySelectorAll('.agenda-item')];
    expect(items.map((i) => i.getAttribute('data-clause-id'))).toEqual(['c1', 'c2']);
    expect(items[0]!.classList.contains('now')).toBe(true);
    expect(el.querySelector('#discuss-c1')?.getAttribute('aria-pressed')).toBe('true');
    expect(el.querySelector('#discuss-c2')?.getAttribute('aria-pressed')).toBe('false');
    expect(el.querySelector('#discuss-clear')).not.toBeNull();
    // OP2 is under a vote already: a second vote on it is not offered.
    expect(el.querySelector('#choose-clause-c2')).toBeNull();
    el.querySelector<HTMLButtonElement>('#choose-clause-c1')!.click();
    expect(chosen).toEqual([{ type: 'clause', id: 'c1' }]);
  });

  it('keeps a clause’s elements, and the focus in them, when another clause changes', () => {
    const d = data();
    const agenda = agendaOf(d);
    document.body.append(agenda.el);
    const kept = agenda.el.querySelector<HTMLButtonElement>('#discuss-c1')!;
    kept.focus();
    const clauses = d.doc.clauses.map((c) => (c.id === 'c2' ? { ...c, status: 'bracketed' as const } : c));
    act(() =>
      agenda.update(
        <Agenda
          data={{ ...d, doc: { ...d.doc, clauses } }}
          actions={new Actions()}
          documentId="d"
          votesOpenAtStage
          choose={() => {}}
          discussed={() => {}}
        />,
      ),
    );
    expect(agenda.el.querySelector('#discuss-c1')).toBe(kept);
    expect(document.activeElement).toBe(kept);
    expect(agenda.el.querySelector('[data-clause-id=c2] .badge')?.className).toBe('badge status-bracketed');
    agenda.destroy?.();
    agenda.el.remove();
  });

  it('draws a live board with a cell per delegation in the order of their names, and a close button', () => {
    const { el } = mount(<LiveVotes actions={new Actions()} data={data({ votes: [openVote] })} closed={() => {}} />);
    const cells = [...el.querySelectorAll('.board-cell')];
    expect(cells.map((c) => c.getAttribute('data-delegation'))).toEqual(['BRA', 'FRA', 'KAZ']);
    expect(cells.map((c) => c.className)).toEqual([
      'board-cell board-waiting',
      'board-cell board-yes',
      'board-cell board-waiting',
    ]);
    expect(el.querySelector('#close-v1')?.hasAttribute('disabled')).toBe(false);
    expect(el.querySelector('.live-counts')?.textContent).toBeTruthy();
  });

  it('lists no result until a vote closes, then the newest first', () => {
    expect(mount(<PastVotes data={data()} />).el.textContent).toContain('No vote has been closed yet');
    const closed = (id: string): VoteJson =>
      ({
        ...openVote,
        id,
        status: 'closed',
        result: { outcome: 'adopted', yes: 1, no: 0, abstain: 0, present: 1, registered: 3, required: 1 },
      }) as unknown as VoteJson;
    const { el } = mount(<PastVotes data={data({ votes: [closed('a'), closed('b')] })} />);
    expect([...el.querySelectorAll('details')].map((d) => d.getAttribute('data-vote-id'))).toEqual(['b', 'a']);
    expect(el.querySelector('#result-b')?.textContent).toContain('OP1');
  });
});
