// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import { Actions } from '../api/actions.js';
import { NO_NEGOTIATION } from '../api/negotiationReducers.js';
import { initI18n } from '../i18n/index.js';
import { mount } from './bridge.js';
import { hashTarget } from './clausePanelState.js';
import { NegotiationPanel, type NegotiationPanelProps } from './NegotiationPanel.js';
import { fixtureComment } from './negotiationFixtures.js';

const kaz = { username: 'kaz-delegate', role: 'delegate', delegation: 'KAZ', displayName: 'Delegate' } as SessionUser;
const chair = { username: 'chair', role: 'chair', delegation: null, displayName: 'Chair' } as SessionUser;
const secretariat = { ...chair, username: 'secretariat', role: 'secretariat' } as SessionUser;
const clause = {
  id: 'op3',
  kind: 'operative',
  ref: 'OP3',
  text: 'Calls upon Governments.',
  status: 'open',
} as ClauseJson;

const comment = fixtureComment;

const amendment = (id: string, more: Partial<AmendmentJson> = {}): AmendmentJson =>
  ({
    id,
    documentId: 'd',
    clauseId: 'op3',
    clauseRef: 'OP3',
    kind: 'replace',
    text: 'Calls upon all Governments.',
    textPlain: 'Calls upon all Governments.',
    rationale: 'All of them.',
    delegation: 'FRA',
    proposer: { username: 'fra-delegate', displayName: 'Delegate, France' },
    cosponsors: [],
    status: 'submitted',
    baseText: clause.text,
    stale: false,
    clauseDeleted: false,
    diff: [
      { op: 'equal', text: 'Calls upon ' },
      { op: 'insert', text: 'all ' },
      { op: 'equal', text: 'Governments.' },
    ],
    diffGranularity: 'words',
    span: null,
    conflictsWith: [],
    decision: null,
    createdAt: `2025-10-16T09:0${id.length}:00.000Z`,
    ...more,
  }) as AmendmentJson;

function props(more: Partial<NegotiationPanelProps> = {}): NegotiationPanelProps {
  return {
    documentId: 'd',
    user: kaz,
    stage: 'negotiation',
    clause,
    tab: 'comments',
    filter: 'all',
    selection: null,
    data: NO_NEGOTIATION,
    drafts: new Map(),
    actions: new Actions(),
    anchors: { anchor: async () => null },
    started: 0,
    boxes: null,
    onTab: () => {},
    onFilter: () => {},
    onClose: () => {},
    clearSelection: () => {},
    focusAnchor: () => {},
    reloadComments: async () => {},
    reloadAmendments: async () => {},
    ...more,
  };
}

function draw(p: NegotiationPanelProps) {
  const mounted = mount(<NegotiationPanel {...p} />);
  document.body.replaceChildren(mounted.el);
  return mounted;
}

const text = (el: Element | null | undefined): string => el?.textContent ?? '';

/** Answers requests as the server would, and keeps what was sent. */
function serve(answers: Record<string, unknown>) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    sent.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const key = Object.keys(answers).find((k) => `${method} ${path}`.startsWith(k));
    return new Response(JSON.stringify(key ? answers[key] : { error: { id: 'not_found', message: 'no' } }), {
      status: key ? 200 : 404,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sent;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

function type(box: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('the clause panel, drawn', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('shows a clause’s threads with their replies, mentions marked, and the tab that is open', () => {
    const data = {
      ...NO_NEGOTIATION,
      comments: [
        comment('c1'),
        comment('c2', { parentId: 'c1', body: 'Indeed.', mentions: [] }),
        comment('c3', { clauseId: 'op4' }),
      ],
    };
    const { el } = draw(props({ data }));
    expect(text(el.querySelector('#clause-panel-title'))).toBe('OP3');
    expect(el.querySelector('#tab-comments')?.getAttribute('aria-selected')).toBe('true');
    expect(el.querySelector('#tab-amendments')?.getAttribute('tabindex')).toBe('-1');
    expect([...el.querySelectorAll('.comment-threads > li')].map((li) => li.id)).toEqual(['comment-c1']);
    expect(el.querySelector('#comment-c2 .comment-body')?.textContent).toBe('Indeed.');
    expect(text(el.querySelector('#comment-c1 .comment-body .mention'))).toBe('@KAZ');
    // A delegate may filter by their delegation; nobody else is offered it.
    expect([...el.querySelectorAll('#comment-filter-op3 option')].map((o) => o.getAttribute('value'))).toContain(
      'delegation',
    );
    // No status control for a delegate, and no resolve button.
    expect(el.querySelector('#clause-status-op3')).toBeNull();
    expect(el.querySelector('#toggle-c1')).toBeNull();
  });

  it('tells the page which tab and filter the reader chose, and to close', () => {
    const told: string[] = [];
    const { el } = draw(
      props({
        onTab: (tab) => told.push(`tab ${tab}`),
        onFilter: (filter) => told.push(`filter ${filter}`),
        onClose: () => told.push('close'),
      }),
    );
    el.querySelector<HTMLButtonElement>('#tab-amendments')!.click();
    const filter = el.querySelector<HTMLSelectElement>('#comment-filter-op3')!;
    filter.value = 'open';
    filter.dispatchEvent(new Event('change', { bubbles: true }));
    el.querySelector<HTMLButtonElement>('.panel-header button')!.click();
    expect(told).toEqual(['tab amendments', 'filter open', 'close']);
  });

  it('says why an empty comment is not sent, sends nothing, and keeps the focus in the box', async () => {
    const sent = serve({});
    const { el } = draw(props());
    const box = el.querySelector<HTMLTextAreaElement>('#comment-body-op3')!;
    type(box, '   ');
    await act(() => el.querySelector<HTMLButtonElement>('#comment-body-op3-send')!.click());
    expect(text(el.querySelector('.comment-form .action-error'))).toMatch(/empty/i);
    expect(sent).toEqual([]);
    expect(document.activeElement).toBe(box);
  });

  it('keeps what is typed as a draft, sends it, then empties the box and reads the comments again', async () => {
    const sent = serve({ 'POST /api/documents/d/comments': comment('c9') });
    const drafts = new Map<string, string>();
    let reloads = 0;
    const p = props({ drafts, reloadComments: async () => void reloads++ });
    const first = draw(p);
    type(first.el.querySelector<HTMLTextAreaElement>('#comment-body-op3')!, 'Support the text.');
    await settle();
    // Drawn again (the panel closed and opened), the box has its draft back.
    first.destroy?.();
    const { el } = draw(p);
    const box = el.querySelector<HTMLTextAreaElement>('#comment-body-op3')!;
    expect(box.value).toBe('Support the text.');
    expect(text(el.querySelector('.comment-form .counter'))).toContain('17');
    await act(() => el.querySelector<HTMLButtonElement>('#comment-body-op3-send')!.click());
    await settle();
    expect(sent).toEqual([
      expect.objectContaining({ method: 'POST', body: { clauseId: 'op3', body: 'Support the text.' } }),
    ]);
    expect(reloads).toBe(1);
    expect(box.value).toBe('');
    expect([...drafts.values()]).toEqual([]);
  });

  it('lets the secretariat resolve a thread, and the chair set the clause’s status', () => {
    const data = { ...NO_NEGOTIATION, comments: [comment('c1')] };
    expect(draw(props({ user: secretariat, data })).el.querySelector('#toggle-c1')?.textContent).toBe('Resolve');
    const status = draw(props({ user: chair, data })).el.querySelector<HTMLSelectElement>('#clause-status-op3')!;
    expect(status.value).toBe('open');
  });
});

describe('the amendments tab, drawn', () => {
  beforeAll(() => initI18n());
  afterEach(() => localStorage.clear());

  it('shows competing amendments side by side, each with its diff, sponsor and rationale', () => {
    const data = { ...NO_NEGOTIATION, amendments: [amendment('a1'), amendment('a22', { delegation: 'DEU' })] };
    const { el } = draw(props({ tab: 'amendments', data }));
    expect(el.querySelector('.conflict-note')?.getAttribute('role')).toBe('note');
    const card = el.querySelector('#amendment-a1 article.amendment')!;
    expect(card.getAttribute('data-amendment-id')).toBe('a1');
    expect(text(card.querySelector('ins'))).toContain('all');
    expect(card.querySelector('.sponsors abbr.delegation')?.getAttribute('title')).toBe('France');
    expect(text(card.querySelector('.rationale'))).toContain('All of them.');
    // KAZ may co-sponsor France's, not decide it.
    expect(card.querySelector('#cosponsor-a1')).not.toBeNull();
    expect(card.querySelector('#accept-a1')).toBeNull();
  });

  it('previews a proposal as it is typed, and cannot send one that changes nothing', async () => {
    const { el } = draw(props({ tab: 'amendments' }));
    const text = el.querySelector<HTMLTextAreaElement>('#amend-op3-text')!;
    const submit = el.querySelector<HTMLButtonElement>('#amend-op3-submit')!;
    expect(text.value).toBe(clause.text);
    expect(submit.disabled).toBe(true);
    await act(() => type(text, 'Calls upon all Governments.'));
    expect(el.querySelector('.diff-preview ins')?.textContent).toContain('all');
    expect(submit.disabled).toBe(false);
    // An insertion starts from nothing once the text is back as it was.
    await act(() => type(text, clause.text));
    await act(() => el.querySelector<HTMLInputElement>('input[value=insert_after]')!.click());
    expect(text.value).toBe('');
  });

  it('gives the secretariat the decision with a note, and a delegate who may not propose the reason', () => {
    const data = { ...NO_NEGOTIATION, amendments: [amendment('a1')] };
    const decided = draw(props({ tab: 'amendments', user: secretariat, data })).el;
    expect(decided.querySelector('#accept-a1')).not.toBeNull();
    expect(decided.querySelector('#note-a1')).not.toBeNull();
    const locked = draw(props({ tab: 'amendments', clause: { ...clause, status: 'agreed_ad_ref' } })).el;
    expect(locked.querySelector('form.propose-form')).toBeNull();
    expect(text(locked.querySelector('.amendments-panel > .hint:last-child'))).toMatch(/agreed/i);
  });
});

describe('a link to a comment or an amendment', () => {
  const data = { ...NO_NEGOTIATION, comments: [comment('c1')], amendments: [amendment('a1', { clauseId: 'op5' })] };

  it('names the clause and tab whose panel shows it', () => {
    expect(hashTarget('#comment-c1', data)).toEqual({ clauseId: 'op3', tab: 'comments', id: 'comment-c1' });
    expect(hashTarget('#amendment-a1', data)).toEqual({ clauseId: 'op5', tab: 'amendments', id: 'amendment-a1' });
  });

  it('names nothing for another hash, one not known, or a malformed one', () => {
    expect(hashTarget('#clause-op3', data)).toBeNull();
    expect(hashTarget('#comment-c404', data)).toBeNull();
    expect(hashTarget('#%E0', data)).toBeNull();
    expect(hashTarget('', data)).toBeNull();
  });
});
