// @vitest-environment happy-dom
import { useReducer } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import type { AlternateJson, EndorsementList } from '../../shared/api/votes.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { FloorRequestPanel } from './delegationFloor.js';
import { EndorsementPanel } from './delegationPanels.js';
import { CheckInPanel } from './delegationRoll.js';
import { SilencePanel } from './delegationSilence.js';
import { delegationReducer, delegationStart, type DelegationPage } from './delegationState.js';
import { OpenVotes, PastVotes } from './delegationVoteCard.js';
import { amendment, ballot, data, doc, floor, receipt, vote } from './votingFixtures.js';
import type { VotingData } from './votingCommon.js';

const head = { username: 'deu-head', role: 'head', delegation: 'DEU', displayName: 'Head' } as SessionUser;
const delegate = { ...head, username: 'deu-delegate', role: 'delegate' } as SessionUser;
const noEndorsements: EndorsementList = { documentId: 'd', endorsements: [] };
const noAlternate: AlternateJson = { delegation: 'DEU', alternate: null };

/** The page's parts over the page's own reducer, as DelegationView draws them, without its subscription. */
function Page({
  start,
  user,
  actions,
}: {
  start: Partial<DelegationPage['state']> & { data: VotingData };
  user: SessionUser;
  actions: Actions;
}) {
  const [state, dispatch] = useReducer(delegationReducer, undefined, () => ({
    ...delegationStart('DEU', { data: start.data, endorsements: noEndorsements, alternate: noAlternate }),
    ...start,
  }));
  const page: DelegationPage = { documentId: 'd', code: 'DEU', name: 'Germany', user, actions, state, dispatch };
  return (
    <section class="delegation-page">
      <p role="status">{state.said}</p>
      <CheckInPanel page={page} />
      <SilencePanel page={page} />
      <OpenVotes page={page} />
      <FloorRequestPanel page={page} />
      <PastVotes page={page} />
      <EndorsementPanel page={page} />
    </section>
  );
}

function draw(start: Partial<DelegationPage['state']> & { data: VotingData }, user = head) {
  const { el } = mount(<Page start={start} user={user} actions={new Actions()} />);
  document.body.replaceChildren(el);
  return el;
}

const text = (el: Element | null | undefined): string => el?.textContent ?? '';

/** Answers the page's requests as the server would: a ballot as cast, its receipt. */
function serve(answers: Record<string, unknown>) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    sent.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const key = Object.keys(answers).find((k) => `${method} ${path}`.startsWith(k));
    const body = key ? answers[key] : { error: { id: 'not_found', message: 'no' } };
    return new Response(JSON.stringify(body), {
      status: key ? 200 : 404,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sent;
}

/** Waits for what the page's requests and redraws bring. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('the delegation’s page, drawn', () => {
  beforeAll(() => initI18n());
  afterEach(() => vi.unstubAllGlobals());

  it('says no vote is open and what comes next, without saying who casts a ballot', () => {
    const el = draw({ data: data() });
    expect(text(el.querySelector('.no-open-vote'))).toContain('No vote is open.');
    expect(text(el)).not.toContain('You cast your delegation’s ballot');
    // Endorsements have a section of their own, which says when they open.
    const endorsements = el.querySelector('[aria-labelledby=endorsement-title]');
    expect(text(endorsements)).toContain('Endorsements open once the declaration is adopted.');
    expect(endorsements?.closest('.vote-cards')).toBeNull();
  });

  it('shows an open clause vote’s text first, then the ballot with who casts it', () => {
    const el = draw({ data: data([vote('v1')]) });
    const card = el.querySelector('.vote-card[data-vote-id=v1][data-status=open]')!;
    const body = card.querySelector('.vote-card-body')!;
    expect(body.firstElementChild?.className).toBe('ballot-subject');
    expect(text(card.querySelector('.subject-text'))).toBe('Everyone has the right to education.');
    expect(text(card.querySelector('.role-note'))).toBe('You cast your delegation’s ballot.');
    expect(text(card.querySelector('.own-ballot'))).toBe('Not cast yet.');
    expect(card.querySelectorAll('input[type=radio]')).toHaveLength(3);
  });

  it('shows a delegate who does not cast the ballot what was cast, and no form', () => {
    const el = draw({ data: data([vote('v1', { ballots: [ballot('DEU', 'yes')] })]) }, delegate);
    const card = el.querySelector('.vote-card')!;
    expect(text(card.querySelector('.role-note'))).toBe(
      'Your head of delegation casts the ballot; you see what was cast.',
    );
    expect(text(card.querySelector('.own-ballot'))).toBe('Cast: Yes');
    expect(card.querySelector('form')).toBeNull();
  });

  it('shows an amendment’s words struck and underlined, its sponsor and rationale', () => {
    const onAmendment = vote('v1', { subject: { type: 'amendment', id: 'a1' } });
    const el = draw({ data: data([onAmendment], { amendments: [amendment()] }) });
    const subject = el.querySelector('.ballot-subject')!;
    expect([...subject.querySelectorAll('ins')].map(text)).toEqual([expect.stringContaining('equitable')]);
    expect(subject.querySelector('.subject-amendment abbr')).not.toBeNull();
    expect(text(subject.querySelector('.rationale'))).toContain('Equity belongs beside inclusion.');
    expect(text(el.querySelector('.vote-card h3'))).toBe('amendment by France to OP2');
  });

  it('asks to confirm, casts once, says so, takes the receipt and gives the focus back to the button', async () => {
    const sent = serve({
      'POST /api/votes/v1/ballots': ballot('DEU', 'yes'),
      'GET /api/votes/v1/receipt': receipt('v1', 'yes', 12),
    });
    const el = draw({ data: data([vote('v1')]) });
    el.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await act(() => el.querySelector<HTMLButtonElement>('#cast-v1')!.click());
    const confirm = el.querySelector<HTMLButtonElement>('#confirm-v1')!;
    expect(text(el.querySelector('.confirm p'))).toBe('Cast “Yes” for Germany?');
    expect(document.activeElement).toBe(confirm);
    await act(() => confirm.click());
    await settle();
    expect(sent.filter((r) => r.method === 'POST')).toEqual([
      expect.objectContaining({ path: '/api/votes/v1/ballots', body: { choice: 'yes' } }),
    ]);
    expect(text(el.querySelector('.own-ballot'))).toBe('Cast: Yes');
    expect(text(el.querySelector('[role=status]'))).toBe(
      'Ballot recorded: Yes. You can change it until the chair closes the vote.',
    );
    expect(el.querySelector('.confirm')).toBeNull();
    expect(document.activeElement?.id).toBe('cast-v1');
    expect(text(document.activeElement)).toBe('Change ballot');
    expect(el.querySelector('.receipt')?.getAttribute('data-entry')).toBe('12');
  });

  it('folds what was voted on under a closed vote’s result and offers an explanation after it', () => {
    const closed = vote('v1', {
      status: 'closed',
      result: { outcome: 'adopted', yes: 2, no: 0, abstain: 0, registered: 2 } as never,
      ballots: [ballot('DEU', 'yes')],
    });
    const el = draw({ data: data([closed]), receipts: { v1: receipt('v1', 'no') } });
    const card = el.querySelector('.vote-card[data-status=closed]')!;
    expect(card.querySelector('.vote-result')).not.toBeNull();
    expect(text(card.querySelector('details.voted-on summary'))).toBe('What was voted on');
    expect(card.querySelector('.role-note')).toBeNull();
    expect(card.querySelector('label[for=explain-v1-after]')).not.toBeNull();
    // The receipt held is of an earlier choice: the button fetches the current one.
    expect(card.querySelector('#receipt-show-v1')).not.toBeNull();
    expect(text(el.querySelector('.no-open-vote'))).toContain('No vote is open.');
  });

  it('draws the floor, the delegation’s places, and no request form once the text is adopted', () => {
    const entry = { id: 'r1', delegation: 'DEU', kind: 'point_of_order', subject: { type: 'clause', id: 'c2' } };
    const now = floor('2026-12-06T10:00:00.000Z', { queue: [entry] as never });
    const el = draw({ data: data([], { doc: doc('adopted') }), floor: now });
    expect(text(el.querySelector('.floor-own .floor-queue-item'))).toMatch(/No\. 1 on the list.*Point of order.*OP2/);
    expect(el.querySelector<HTMLElement>('.floor-request-form')!.hidden).toBe(true);
    expect(text(el.querySelector('.floor-current'))).toContain('Nobody has the floor.');
  });

  it('offers the head “Check in” while the roll is open, and hides the silence panel until one starts', () => {
    const el = draw({ data: data(), roll: { status: 'open', present: [] } as never });
    expect(text(el.querySelector('.roll-check-in button'))).toBe('Check in');
    expect(el.querySelector<HTMLElement>('.silence-panel')!.hidden).toBe(true);
    const present = draw({ data: data(), roll: { status: 'open', present: [{ delegation: 'DEU' }] } as never });
    expect(present.querySelector('.roll-check-in button')).toBeNull();
  });

  it('checks in, and gives the focus to the line that says the delegation is present', async () => {
    serve({ 'POST /api/documents/d/roll/check-in': { status: 'open', present: [{ delegation: 'DEU' }] } });
    const el = draw({ data: data(), roll: { status: 'open', present: [] } as never });
    await act(() => el.querySelector<HTMLButtonElement>('.roll-check-in button')!.click());
    await settle();
    expect(el.querySelector('.roll-check-in button')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('.roll-check-in p'));
    expect(text(document.activeElement)).toBe(text(el.querySelector('[role=status]')));
  });

  it('withdraws a request and gives the focus to “Request the floor”', async () => {
    const entry = { id: 'r1', delegation: 'DEU', kind: 'speak', subject: { type: 'general' } };
    serve({ 'POST /api/documents/d/floor/requests/r1/withdraw': floor('2026-12-06T10:00:09.000Z') });
    const el = draw({ data: data(), floor: floor('2026-12-06T10:00:00.000Z', { queue: [entry] as never }) });
    await act(() => el.querySelector<HTMLButtonElement>('.floor-own button')!.click());
    await settle();
    expect(el.querySelector('.floor-own .floor-queue-item')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('.floor-request'));
  });
});
