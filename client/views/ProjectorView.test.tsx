// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { EndorsementList } from '../../shared/api/votes.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { ballot, data, doc, vote } from './votingFixtures.js';
import { boardCell } from './projectorBoards.js';
import type { Paging } from './projectorFit.js';
import { projectorReducer, projectorStart, type ProjectorState } from './projectorState.js';
import { ProjectorScreen } from './ProjectorView.js';
import type { VotingData } from './votingCommon.js';

const now = (clauseId: string | null, at: string | null = null) => ({ documentId: 'd', clauseId, by: 'chair', at });
const state = (over: Partial<VotingData> = {}): ProjectorState =>
  projectorStart({
    data: { ...data(), doc: { ...doc(), metadata: { language: 'en' } } as DocumentJson, now: now(null), ...over },
    version: null,
    endorsements: null,
    key: null,
  });
const closed = (over = {}) =>
  vote('v1', {
    status: 'closed',
    closedAt: '2026-12-06T10:05:00.000Z',
    ballots: [ballot('DEU', 'yes'), ballot('FRA', 'no')],
    voted: ['DEU', 'FRA'],
    result: { outcome: 'adopted', yes: 1, no: 1, abstain: 0, registered: 2 } as never,
    ...over,
  });

function draw(s: ProjectorState, paging: Paging = { page: 1, count: 1 }): HTMLElement {
  const { el } = mount(<ProjectorScreen state={s} paging={paging} floor={null} />);
  document.body.replaceChildren(el);
  return el;
}
const text = (el: Element | null | undefined): string => el?.textContent ?? '';
const cells = (el: HTMLElement) =>
  [...el.querySelectorAll<HTMLElement>('.board-cell')].map((c) => [c.dataset.delegation, c.dataset.state]);

describe('the projector, drawn', () => {
  beforeAll(() => initI18n());

  it('says it waits while nothing is under discussion', () => {
    const el = draw(state());
    expect(text(el.querySelector('h1'))).toBe('Almaty Declaration');
    expect(el.querySelector('.projector-waiting')).not.toBeNull();
  });

  it('shows the clause under discussion, the page indicator only when it has pages', () => {
    const s = state({ now: now('c2') });
    const one = draw(s);
    expect(one.querySelector('.projector-clause')!.getAttribute('data-clause-id')).toBe('c2');
    expect(text(one.querySelector('.projector-text'))).toContain('Everyone has the right to education.');
    expect(one.querySelector<HTMLElement>('.projector-page')!.hidden).toBe(true);
    const paged = draw(s, { page: 2, count: 3 }).querySelector<HTMLElement>('.projector-page')!;
    expect(paged.hidden).toBe(false);
    expect(text(paged)).toBe('Page 2 of 3');
    expect([paged.dataset.page, paged.dataset.pages]).toEqual(['2', '3']);
  });

  it('shows the clause beside its version, each column in its language', () => {
    const version = { ...doc('negotiation', 'Әркімнің білім алуға құқығы бар.'), lang: 'kk' } as DocumentJson;
    const s = { ...state({ now: now('c2') }), version };
    const el = draw(s);
    const texts = [...el.querySelectorAll<HTMLElement>('.projector-text')];
    expect(texts.map((t) => t.lang)).toEqual(['en', 'kk']);
    expect(text(texts[1])).toContain('Әркімнің');
  });

  it('marks who voted while a vote is open, never their choice, and the progress', () => {
    const open = vote('v1', { voted: ['FRA'], ballots: [] });
    const el = draw(state({ votes: [open], now: now('c2') }));
    const section = el.querySelector('.projector-vote[data-status=open]')!;
    expect(text(section.querySelector('.projector-progress'))).toBe('1 of 2 delegations have voted');
    expect(cells(el)).toEqual([
      ['FRA', 'voted'],
      ['DEU', 'waiting'],
    ]);
    expect(text(section)).not.toMatch(/\b(Yes|No)\b/);
    // Equal tiles: every tile has the flag, the name and the mark, and no other.
    for (const cell of el.querySelectorAll('.board-cell')) {
      expect(cell.querySelector('.flag')).not.toBeNull();
      expect(cell.querySelector('.board-name')).not.toBeNull();
      expect(cell.querySelector('.board-mark')).not.toBeNull();
    }
  });

  it('shows the result and each choice once closed, and announces it once', () => {
    const s = projectorReducer(state({ votes: [vote('v1')] }), { type: 'vote:closed', vote: closed() });
    const el = draw(s);
    expect(el.querySelector('.projector-result [data-outcome=adopted]')).not.toBeNull();
    expect(cells(el)).toEqual([
      ['FRA', 'no'],
      ['DEU', 'yes'],
    ]);
    expect(text(el.querySelector('[role=status]'))).toContain('Adopted');
  });

  it('calls a roll-call vote in the drawn order, marking the State being called', () => {
    const open = vote('v1', { rollCall: ['DEU', 'FRA'], voted: [] });
    const el = draw(state({ votes: [open] }));
    expect(cells(el)).toEqual([
      ['DEU', 'called'],
      ['FRA', 'waiting'],
    ]);
    expect(el.querySelector('.projector-called')!.getAttribute('data-delegation')).toBe('DEU');
    expect(boardCell(open, 'FRA').state).toBe('waiting');
  });

  it('shows the adoption, its fingerprint, what lapsed, and the endorsements as they come', () => {
    const adopted = {
      ...doc('adopted'),
      adoption: { at: '2026-12-06T11:00:00.000Z', method: 'consensus', vote: null, fingerprint: 'ab'.repeat(32) },
    } as unknown as DocumentJson;
    const list: EndorsementList = {
      documentId: 'd',
      endorsements: [{ delegation: 'FRA', kind: 'endorse' } as EndorsementList['endorsements'][number]],
    };
    const el = draw({ ...state({ doc: adopted }), endorsements: list });
    expect(el.querySelector('.projector-adoption .projector-adopted')).not.toBeNull();
    expect(el.querySelector('.projector-fingerprints [data-fingerprint]')!.getAttribute('data-fingerprint')).toBe(
      'ab'.repeat(32),
    );
    const endorsements = el.querySelector('.projector-endorsements')!;
    expect(text(endorsements.querySelector('h2'))).toContain('1');
    expect(endorsements.querySelectorAll('.board-cell')).toHaveLength(1);
  });
});
