// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { initI18n } from '../i18n/index.js';
import type { DocumentPageProps } from '../views/documentExtensions.js';
import { mount } from './bridge.js';
import type { EventHandlers } from './documentEvents.js';
import { fixtureComment } from './negotiationFixtures.js';
import { negotiationParts } from './negotiationOnPage.js';

// The page's one subscription, kept so a test can play the server's events to it.
const events = vi.hoisted(() => ({ handlers: {} as Record<string, (payload: unknown) => void>, follows: 0 }));
vi.mock('./documentEvents.js', () => ({
  followDocumentEvents: (_id: string, handlers: EventHandlers) => {
    events.handlers = handlers as Record<string, (payload: unknown) => void>;
    events.follows += 1;
    return () => {};
  },
}));

const kaz = { username: 'kaz-delegate', role: 'delegate', delegation: 'KAZ', displayName: 'Delegate' } as SessionUser;
const clause = (id: string, ref: string, more: Partial<ClauseJson> = {}) =>
  ({
    id,
    ref,
    kind: 'operative',
    text: 'Calls upon Governments.',
    status: 'open',
    openBrackets: 0,
    ...more,
  }) as ClauseJson;
const data = {
  id: 'doc',
  title: 'Almaty Declaration',
  stage: 'negotiation',
  clauses: [clause('h1', 'H1', { kind: 'heading' }), clause('op1', 'OP1'), clause('op2', 'OP2', { openBrackets: 1 })],
} as unknown as DocumentJson;

const comment = (id: string, clauseId: string, more: Partial<CommentJson> = {}): CommentJson =>
  fixtureComment(id, { clauseId, body: 'Agree.', mentions: [], ...more });
const amendment = (id: string, clauseId: string, more: Partial<AmendmentJson> = {}) =>
  ({
    id,
    documentId: 'doc',
    clauseId,
    kind: 'replace',
    delegation: 'FRA',
    proposer: { username: 'fra-delegate', displayName: 'Delegate, France' },
    cosponsors: [],
    rationale: 'All of them.',
    diff: [{ op: 'insert', text: 'all ' }],
    conflictsWith: [],
    decision: null,
    createdAt: '2025-10-16T09:00:00.000Z',
    status: 'submitted',
    stale: false,
    span: null,
    textPlain: 'all Governments',
    ...more,
  }) as AmendmentJson;
const bracket = (id: string, clauseId: string): BracketJson =>
  ({
    id,
    documentId: 'doc',
    clauseId,
    status: 'open',
    quote: 'Governments',
    currentQuote: 'Governments',
    range: [11, 22],
    alternatives: [],
    resolution: null,
  }) as unknown as BracketJson;

/** Answers the page's reads as the server would, and keeps what was sent. */
function serve(lists: { comments?: CommentJson[]; unread?: Record<string, number>; amendments?: AmendmentJson[] }) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    sent.push(`${init.method ?? 'GET'} ${path}`);
    const body = path.endsWith('/comments')
      ? { comments: lists.comments ?? [], unread: lists.unread ?? {} }
      : path.split('?')[0]!.endsWith('/amendments')
        ? { amendments: lists.amendments ?? [] }
        : path.endsWith('/brackets')
          ? { brackets: [bracket('b1', 'op2')] }
          : { ok: true };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

/** The page's parts of negotiation around clause elements drawn as the page draws them. */
function drawPage(more: Partial<DocumentPageProps> = {}) {
  const marks: Record<string, string> = {};
  const refresh = vi.fn(async () => {});
  const page: DocumentPageProps = {
    documentId: 'doc',
    data,
    user: kaz,
    choice: { lang: null, parallel: false },
    scrollToClause: () => {},
    clauseBody: (id) => document.querySelector<HTMLElement>(`#clause-${id} .clause-content`),
    refresh,
    editing: { live: false },
    mark: (name, value) => void (marks[name] = value),
    ...more,
  };
  const { toolbar: Toolbar, sidebar: Sidebar, clauseAside: Aside, clauseFoot: Foot } = negotiationParts;
  const Provider = negotiationParts.Provider!;
  const Clause = ({ clause: c }: { clause: ClauseJson }) => {
    const extra = negotiationParts.useClauseClass?.({ page, clause: c });
    return (
      <div class={`clause ${extra ?? ''}`} id={`clause-${c.id}`} data-ref={c.ref}>
        <div class="clause-content">
          <p>{c.text}</p>
        </div>
        <div class="clause-aside">{Aside ? <Aside page={page} clause={c} /> : null}</div>
        {Foot ? <Foot page={page} clause={c} /> : null}
      </div>
    );
  };
  const mounted = mount(
    <Provider page={page}>
      {Toolbar ? <Toolbar page={page} /> : null}
      {page.data.clauses.map((c) => (
        <Clause key={c.id} clause={c} />
      ))}
      {Sidebar ? <Sidebar page={page} /> : null}
    </Provider>,
  );
  document.body.replaceChildren(mounted.el);
  return { el: mounted.el, marks, refresh, mounted };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const text = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const count = (el: Element, status: string): string =>
  text(el.querySelector(`.status-count[data-status="${status}"] .count`));

describe('negotiation on the document page', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    vi.unstubAllGlobals();
    location.hash = '';
  });

  it('counts threads, unread comments, pending amendments and brackets beside each clause and in the bar', async () => {
    serve({
      comments: [comment('c1', 'op1'), comment('c2', 'op1', { parentId: 'c1' }), comment('c3', 'op2')],
      unread: { op2: 1 },
      amendments: [amendment('a1', 'op1'), amendment('a2', 'op1', { status: 'withdrawn' })],
    });
    const { el, mounted } = drawPage();
    await settle();
    const op1 = el.querySelector('#clause-op1')!;
    const op2 = el.querySelector('#clause-op2')!;
    expect(text(op1.querySelector('.counter-button.comments'))).toContain('1');
    expect(op1.querySelector('.counter-button.amendments')!.getAttribute('aria-label')).toContain('1');
    expect(op2.querySelector('.counter-button.comments')!.classList.contains('unread')).toBe(true);
    expect(text(op2.querySelector('.unread-dot'))).toBe('+1');
    // A heading has no counters; one Tab stop per clause.
    expect(el.querySelector('#clause-h1 .clause-counters')).toBeNull();
    expect(op1.querySelector<HTMLElement>('.counter-button.amendments')!.tabIndex).toBe(-1);
    expect(count(el, 'pending')).toBe('1');
    // One bracket typed in OP2's text and one placed over it.
    expect(count(el, 'brackets')).toBe('2');
    expect(op2.querySelector('.bracket-link')!.getAttribute('href')).toBe('/documents/doc/brackets#clause-op2');
    expect(op2.lastElementChild!.matches('.clause-brackets')).toBe(true);
    expect(text(op2.querySelector('.clause-brackets .bracket-words'))).toBe('[Governments]');
    expect(events.follows).toBeGreaterThan(0);
    mounted.destroy?.();
  });

  it('follows the document’s events: others’ comments are unread, a changed amendment comes whole', async () => {
    const other = amendment('o1', 'op1');
    const served = { amendments: [other] };
    const sent = serve(served);
    const { el, refresh, mounted } = drawPage();
    await settle();
    const op1 = el.querySelector('#clause-op1')!;
    await act(() =>
      events.handlers['comment:added']!({
        documentId: 'doc',
        clauseId: 'op1',
        change: 'added',
        comment: comment('n1', 'op1'),
      }),
    );
    expect(text(op1.querySelector('.unread-dot'))).toBe('+1');
    const span = amendment('s1', 'op1', {
      span: { action: 'replace', quote: 'Governments', range: [11, 22] },
    } as Partial<AmendmentJson>);
    await act(() =>
      events.handlers['amendment:changed']!({
        documentId: 'doc',
        clauseId: 'op1',
        change: 'proposed',
        amendment: span,
        others: [{ id: 'o1', conflictsWith: ['s1'] }],
      }),
    );
    expect(count(el, 'pending')).toBe('2');
    expect(op1.querySelector('.tracked-changes li')!.getAttribute('data-amendment-id')).toBe('s1');
    expect(refresh).not.toHaveBeenCalled();
    expect(sent.filter((s) => s.includes('amendments'))).toHaveLength(1);
    // Accepted, it changed the text: without live editors the page reads it again, and the clause's other
    // amendments, whose diffs against today's text the event does not carry.
    served.amendments = [{ ...other, stale: true, diffCurrent: [{ op: 'insert', text: 'today' }] } as AmendmentJson];
    await act(() =>
      events.handlers['amendment:changed']!({
        documentId: 'doc',
        clauseId: 'op1',
        change: 'accepted',
        amendment: { ...span, status: 'accepted' },
        others: [{ id: 'o1', conflictsWith: [], stale: true, clauseDeleted: false, clauseRef: 'OP1', span: null }],
      }),
    );
    await settle();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(op1.querySelector('.tracked-changes')).toBeNull();
    expect(sent).toContain('GET /api/documents/doc/amendments?clauseId=op1');
    expect(count(el, 'pending')).toBe('1');
    mounted.destroy?.();
  });

  it('opens a clause’s panel from its counter, loads the panel’s code, marks the comments read; Escape closes it', async () => {
    const sent = serve({ comments: [comment('c3', 'op2')], unread: { op2: 1 } });
    const { el, marks, mounted } = drawPage();
    await settle();
    expect(text(el.querySelector('#clause-panel-title'))).not.toBe('');
    expect(el.querySelector('.clause-panel .hint')).not.toBeNull();
    expect(marks.sheet).toBe('closed');
    const counter = el.querySelector<HTMLButtonElement>('#clause-op2 .counter-button.comments')!;
    await act(() => counter.click());
    expect(counter.getAttribute('aria-pressed')).toBe('true');
    expect(marks.sheet).toBe('open');
    expect(el.querySelector('.clause.in-panel')!.id).toBe('clause-op2');
    // The panel's code is its own module, transformed on first import: a busy machine takes its time.
    await vi.waitFor(() => expect(el.querySelector('.clause-panel .panel-header')).not.toBeNull(), {
      timeout: 15_000,
    });
    await settle();
    expect(document.activeElement?.id).toBe('clause-panel-title');
    expect(text(el.querySelector('#clause-panel-title'))).toContain('2');
    expect(sent).toContain('POST /api/documents/doc/comments/read');
    expect(el.querySelector('#clause-op2 .unread-dot')).toBeNull();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(() => void el.querySelector('.clause-panel')!.dispatchEvent(escape));
    expect(marks.sheet).toBe('closed');
    expect(document.activeElement).toBe(counter);
    expect(el.querySelector('.clause.in-panel')).toBeNull();
    expect(el.querySelector('.clause-panel .hint')).not.toBeNull();
    mounted.destroy?.();
  });

  it('offers to comment on words selected before the page had finished drawing', async () => {
    serve({});
    const { el, marks, mounted } = drawPage();
    // Selected at once, in the same turn as the drawing: before the page listens for selections.
    const words = el.querySelector('#clause-op1 .clause-content p')!.firstChild!;
    const range = document.createRange();
    range.setStart(words, 11);
    range.setEnd(words, 22);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    await settle();
    await vi.waitFor(() => expect(marks.sheet).toBe('open'));
    expect(el.querySelector('.clause.in-panel')!.id).toBe('clause-op1');
    document.getSelection()!.removeAllRanges();
    mounted.destroy?.();
  });

  it('opens the panel a link names (#amendment-…) on its clause and tab', async () => {
    serve({ amendments: [amendment('a7', 'op1')] });
    location.hash = '#amendment-a7';
    const { el, mounted } = drawPage();
    await settle();
    const counter = el.querySelector('#clause-op1 .counter-button.amendments')!;
    expect(counter.getAttribute('aria-pressed')).toBe('true');
    mounted.destroy?.();
  });

  it('says why the lists could not be read', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 500 }));
    const { el, mounted } = drawPage();
    await settle();
    expect(el.querySelector('.clause-panel [role="alert"]')).not.toBeNull();
    mounted.destroy?.();
  });
});
