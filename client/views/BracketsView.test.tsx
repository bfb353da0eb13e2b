// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Brackets } from './BracketsView.js';
import { bracketsReducer, bracketsStart, listed, type BracketsEvent } from './bracketsState.js';

// The page follows its document: there is no server here.
vi.mock('../components/documentEvents.js', () => ({ followDocumentEvents: () => () => {} }));

const data = {
  id: 'doc',
  title: 'Almaty Declaration',
  symbol: 'WIC/1',
  stage: 'negotiation',
  clauses: [
    { id: 'c3', ref: 'OP3', status: 'open' },
    { id: 'c5', ref: 'OP5', status: 'agreed_ad_ref' },
  ],
} as unknown as DocumentJson;
const bracket = (id: string, clauseId: string, over: Partial<BracketJson> = {}): BracketJson => ({
  id,
  documentId: 'doc',
  clauseId,
  clauseRef: clauseId === 'c3' ? 'OP3' : 'OP5',
  status: 'open',
  quote: `words ${id}`,
  currentQuote: `words ${id}`,
  range: [0, 5],
  alternatives: [],
  resolution: null,
  createdBy: 'kaz-head',
  createdByName: 'Aigerim',
  createdAt: '2026-12-01T09:00:00.000Z',
  ...over,
});
const resolvedAs = (b: BracketJson): BracketJson => ({
  ...b,
  status: 'resolved',
  resolution: { kind: 'remove', label: null, text: b.quote, by: 'secretariat', byName: 'Secretariat', at: b.createdAt },
});
const user = (role: SessionUser['role']) => ({ id: role, username: role, displayName: role, role }) as SessionUser;
const start = bracketsStart(data, [bracket('a', 'c3'), bracket('b', 'c3'), bracket('c', 'c5')]);
const run = (...events: BracketsEvent[]) => events.reduce(bracketsReducer, start);

describe('the brackets page’s state', () => {
  it('takes a resolved bracket out of the list of open ones, and keeps it when resolved ones are shown', () => {
    const gone = run({ type: 'bracket:changed', bracket: resolvedAs(bracket('a', 'c3')) });
    expect(gone.brackets.map((b) => b.id)).toEqual(['b', 'c']);
    const shown = run(
      { type: 'toggled', showResolved: true },
      { type: 'reading' },
      { type: 'read', data, brackets: start.brackets },
      { type: 'resolved', bracket: resolvedAs(bracket('a', 'c3')) },
    );
    expect(shown.brackets.map((b) => [b.id, b.status])).toEqual([
      ['a', 'resolved'],
      ['b', 'open'],
      ['c', 'open'],
    ]);
    expect(shown.resolutions).toBe(1);
  });

  it('reads the page again after a switch, a change of stage or status, or a bracket changed while reading', () => {
    expect(run({ type: 'toggled', showResolved: true })).toMatchObject({ showResolved: true, stale: true });
    expect(run({ type: 'stale' }).stale).toBe(true);
    const during = run({ type: 'reading' }, { type: 'bracket:changed', bracket: bracket('d', 'c5') });
    expect(during).toMatchObject({ reading: true, stale: true });
    expect(during.brackets).toHaveLength(3);
    expect(run({ type: 'bracket:changed', bracket: bracket('d', 'c5') }).brackets.map((b) => b.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('anchors the first open bracket of each clause, where a clause’s link lands', () => {
    const { open, resolved } = listed([...start.brackets, resolvedAs(bracket('e', 'c5'))]);
    expect(open.map((e) => [e.bracket.id, e.anchor])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    expect(resolved.map((e) => e.bracket.id)).toEqual(['e']);
  });
});

describe('the brackets page', () => {
  beforeAll(() => initI18n());

  it('lists each open bracket under its clause with who placed it, and the ways to resolve it for the secretariat', () => {
    const { el } = mount(
      <Brackets documentId="doc" user={user('secretariat')} data={data} brackets={start.brackets} />,
    );
    expect(el.querySelector('h1')?.textContent).toBe('Open brackets');
    expect(el.querySelector('.document-meta')?.textContent).toBe('Almaty Declaration · WIC/1 · 3 open brackets');
    const items = [...el.querySelectorAll('ul.bracket-list > li.bracket')];
    expect(items.map((li) => li.getAttribute('data-bracket-id'))).toEqual(['a', 'b', 'c']);
    expect(items[0]!.querySelector('#clause-c3')).not.toBeNull();
    expect(items[1]!.querySelector('[id^=clause-]')).toBeNull();
    expect(items[0]!.querySelector('.bracket-clause')?.getAttribute('href')).toBe('/documents/doc#clause-c3');
    expect(items[0]!.querySelector('.bracket-words')?.textContent).toBe('[words a]');
    expect(items[0]!.querySelector('.meta')?.textContent).toMatch(/^Bracketed by Aigerim · /);
    // In a clause open for negotiation, the secretariat may resolve; in one agreed ad referendum, not.
    expect(items[0]!.querySelectorAll('button.resolve').length).toBeGreaterThan(0);
    expect(items[2]!.querySelectorAll('button.resolve')).toHaveLength(0);
  });

  it('gives a delegation no way to resolve, says when nothing is open, and offers the resolved ones', () => {
    const { el } = mount(<Brackets documentId="doc" user={user('head')} data={data} brackets={start.brackets} />);
    expect(el.querySelectorAll('button.resolve')).toHaveLength(0);
    const empty = mount(<Brackets documentId="doc" user={user('head')} data={data} brackets={[]} />).el;
    expect(empty.querySelector('.empty')?.textContent).toBe(
      'No open brackets: every bracketed passage has been resolved.',
    );
    const toggle = empty.querySelector<HTMLInputElement>('#brackets-show-resolved')!;
    expect(empty.querySelector('label[for=brackets-show-resolved]')?.textContent).toBe('Show resolved brackets too');
    expect(toggle.checked).toBe(false);
  });

  it('shows how and by whom each resolved bracket was resolved', async () => {
    const list = [bracket('a', 'c3'), resolvedAs(bracket('e', 'c5'))];
    const asked: string[] = [];
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      return Promise.resolve(url.includes('/brackets') ? json({ brackets: list }) : json(data));
    });
    const { el } = mount(<Brackets documentId="doc" user={user('head')} data={data} brackets={[list[0]!]} />);
    document.body.append(el);
    await act(async () => {
      el.querySelector<HTMLInputElement>('#brackets-show-resolved')!.click();
    });
    await vi.waitFor(() => expect(el.querySelector('ul.resolved li .meta')).not.toBeNull());
    expect(asked).toContain('/api/documents/doc/brackets?status=all');
    expect(el.querySelector('h2')?.textContent).toBe('Resolved brackets');
    expect(el.querySelector('ul.resolved li .meta')?.textContent).toMatch(/^Brackets removed by Secretariat · /);
    el.remove();
    vi.unstubAllGlobals();
  });
});
