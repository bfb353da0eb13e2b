// @vitest-environment happy-dom
import { render } from 'preact';
import { useEffect, useReducer } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { createRef } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { initI18n } from '../i18n/index.js';
import { PageBuild } from './DocumentView.js';
import { fixtureClause, fixtureDocument, fixturePageProps } from './documentFixtures.js';
import { documentExtensions, type DocumentPage, type DocumentPageProps } from './documentExtensions.js';
import { ExportLink } from '../export.js';
import type { WhenIdle } from '../editor/mountQueue.js';

// The title has no reference of its own here: the page names it.
const clause = (id: string, kind: ClauseJson['kind'], extra: Partial<ClauseJson> = {}): ClauseJson =>
  fixtureClause(id, kind, { ...(kind === 'title' ? { ref: '' } : {}), ...extra });
const doc: DocumentJson = fixtureDocument([
  clause('t', 'title'),
  clause('pp1', 'preamble'),
  clause('op1', 'operative'),
  clause('op2', 'operative', { openBrackets: 2 }),
  clause('an1', 'annex', { number: 'Annex I' }),
]);
const user = { id: 'u', username: 'u', displayName: 'U', role: 'observer', delegation: null } as SessionUser;
const props = (data: DocumentJson): DocumentPageProps => fixturePageProps(data, user);

/** The page's drawing of one read, in a page element, as DocumentView mounts it. */
function drawPage(data: DocumentJson) {
  const root = createRef<HTMLDivElement>();
  const host = document.createElement('div');
  document.body.append(host);
  const draw = (d: DocumentJson) =>
    render(
      <div class="document-page" ref={root}>
        <PageBuild page={props(d)} version={undefined} refresh={async () => {}} root={root} choose={() => {}} />
      </div>,
      host,
    );
  draw(data);
  return { host, page: host.firstElementChild as HTMLElement, draw, leave: () => render(null, host) };
}

describe('the document page', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    documentExtensions.parts.length = 0;
    documentExtensions.drawers.length = 0;
    document.body.replaceChildren();
  });

  it('draws the title, the parts of the text in sections, numbers in the gutter and each clause’s marks', () => {
    const { page } = drawPage(doc);
    expect(page.querySelector('.declaration h1.clause-title')!.textContent).toBe('Text of t');
    const sections = [...page.querySelectorAll('.declaration > section.part')];
    expect(sections.map((s) => s.className)).toEqual(['part part-preamble', 'part part-operative', 'part part-annex']);
    expect([...page.querySelectorAll('.clause-operative .clause-number')].map((n) => n.textContent)).toEqual([
      '1.',
      '2.',
    ]);
    const op2 = page.querySelector<HTMLElement>('#clause-op2')!;
    expect(op2.dataset).toMatchObject({ clauseId: 'op2', ref: 'OP2', number: '2' });
    expect(op2.getAttribute('role')).toBe('group');
    expect(op2.getAttribute('aria-label')).toBe('OP2, Operative paragraph, status: Open');
    expect(op2.classList.contains('status-open')).toBe(true);
    expect(op2.querySelector('.clause-aside .badge.brackets')!.textContent).toContain('2');
    expect(op2.querySelector('.clause-content p')!.textContent).toBe('Text of op2');
    expect(page.querySelector('.clause-annex h2.clause-heading')!.textContent).toBe('Annex I Text of an1');
    expect(page.querySelector('.document-header .stage-steps')!.getAttribute('data-stage')).toBe('negotiation');
  });

  it('changes a clause’s status in place: its element, what features put in it and their classes stay', () => {
    const heard: string[] = [];
    let given: DocumentPage | undefined;
    documentExtensions.drawers.push((p) => {
      given = p;
      const slots = p.clauses.get('op1')!;
      slots.root.classList.add('is-editable');
      slots.root.append(Object.assign(document.createElement('span'), { className: 'counter' }));
      p.onClauseStatus((id) => heard.push(`${id}:${p.clauses.get(id)!.clause.status}`));
    });
    const { page, draw } = drawPage(doc);
    const op1 = page.querySelector<HTMLElement>('#clause-op1')!;
    const body = given!.clauses.get('op1')!.body;
    expect([...given!.clauses.keys()]).toEqual(['t', 'pp1', 'op1', 'op2', 'an1']);
    expect(given!.data).toBe(doc);

    const agreed = {
      ...doc,
      clauses: doc.clauses.map((c) => (c.id === 'op1' ? { ...c, status: 'agreed_ad_ref' as const } : c)),
    };
    draw(agreed);
    expect(page.querySelector('#clause-op1')).toBe(op1);
    expect(given!.clauses.get('op1')!.body).toBe(body);
    expect([...op1.classList]).toEqual(expect.arrayContaining(['clause', 'is-editable', 'status-agreed_ad_ref']));
    expect(op1.classList.contains('status-open')).toBe(false);
    expect(op1.querySelector('.clause-status-badge')!.textContent).toContain('Agreed ad ref');
    expect(op1.querySelector(':scope > .counter')).not.toBeNull();
    expect(op1.getAttribute('aria-label')).toContain('Agreed ad ref');
    // The features hear of it on the clause objects they were given, which are the page's data's.
    expect(heard).toEqual(['op1:agreed_ad_ref']);
    expect(given!.data.clauses[2]!.status).toBe('agreed_ad_ref');
  });

  it('gives features named places: actions, who is here, tools, parts beside and under each clause, classes for it', () => {
    const Tool = ({ page }: { page: DocumentPageProps }) => <p class="tool">{page.data.stage}</p>;
    documentExtensions.parts.push(
      { actions: ExportLink, toolbar: Tool },
      {
        clauseAside: ({ clause: c }) => (c.id === 'op2' ? <span class="badge marked">here</span> : null),
        clauseFoot: ({ clause: c }) => (c.id === 'op2' ? <p class="note">under</p> : null),
        presence: () => <section class="who">2</section>,
        useClauseClass: ({ clause: c }) => (c.id === 'op2' ? 'marked' : null),
      },
    );
    const drew = vi.fn((p: DocumentPage) => void p.clauses.get('op2'));
    documentExtensions.drawers.push(drew);
    const { page, leave } = drawPage(doc);
    const actions = page.querySelector('.document-actions')!;
    expect(actions.querySelector('.export-link')!.getAttribute('href')).toBe('/documents/doc-1/export');
    expect(page.querySelector('.document-toolbar .tool')!.textContent).toBe('negotiation');
    const op2 = page.querySelector('#clause-op2')!;
    expect(op2.classList.contains('marked')).toBe(true);
    expect(op2.querySelector('.clause-aside .badge.marked')).not.toBeNull();
    // Under the text, outside the aside: a grid item of the clause's own, its own child.
    expect(op2.querySelector(':scope > .note')!.textContent).toBe('under');
    expect(page.querySelector('.document-header .document-presence .who')).not.toBeNull();
    expect(page.querySelector('#clause-op1')!.classList.contains('marked')).toBe(false);
    expect(drew).toHaveBeenCalledTimes(1);
    leave();
  });

  it('redraws only a clause’s classes when a feature’s state for them changes, not the clause and its parts', async () => {
    // A feature's state as a store: every hook using it is told of each change.
    const store = { chosen: null as string | null, told: new Set<() => void>() };
    const drawn = vi.fn();
    documentExtensions.parts.push({
      clauseAside: ({ clause: c }) => (drawn(c.id), null),
      useClauseClass: ({ clause: c }) => {
        const [, redraw] = useReducer((n: number) => n + 1, 0);
        useEffect(() => {
          const tell = (): void => redraw(0);
          store.told.add(tell);
          return () => void store.told.delete(tell);
        }, []);
        return store.chosen === c.id ? 'in-panel' : null;
      },
    });
    const { page, leave } = drawPage(doc);
    // The hooks' effects (their subscriptions) run after the drawing is painted.
    await vi.waitFor(() => expect(store.told.size).toBe(doc.clauses.length));
    expect(drawn).toHaveBeenCalledTimes(doc.clauses.length);
    store.chosen = 'op1';
    await act(() => store.told.forEach((tell) => tell()));
    expect(page.querySelector('#clause-op1')!.classList.contains('in-panel')).toBe(true);
    expect(page.querySelector('#clause-op2')!.classList.contains('in-panel')).toBe(false);
    // A page of 33 clauses drew each clause four times on a first visit while the features' lists arrived.
    expect(drawn).toHaveBeenCalledTimes(doc.clauses.length);
    leave();
  });

  it('draws the parts beside and under each clause in idle slices when asked to, the text and statuses at once', async () => {
    documentExtensions.parts.push({
      clauseAside: ({ clause: c }) => <span class="badge marked">{c.ref}</span>,
      clauseFoot: () => <p class="note">under</p>,
      useClauseClass: () => 'marked',
    });
    const slices: (() => void)[] = [];
    const whenIdle: WhenIdle = (fn) => {
      slices.push(() => fn({ timeRemaining: () => 0 }));
      return () => undefined;
    };
    const root = createRef<HTMLDivElement>();
    const host = document.createElement('div');
    document.body.append(host);
    const page = (
      <div class="document-page" ref={root}>
        <PageBuild
          page={props(doc)}
          version={undefined}
          refresh={async () => {}}
          root={root}
          choose={() => {}}
          partSlices={whenIdle}
        />
      </div>
    );
    await act(() => render(page, host));
    const marked = (): string[] => [...host.querySelectorAll('.clause-aside .marked')].map((m) => m.textContent!);
    expect(host.querySelector('#clause-op2 .clause-content')!.textContent).toBe('Text of op2');
    expect(host.querySelector('#clause-op2 .clause-aside .badge.brackets')).not.toBeNull();
    expect(marked()).toEqual([]);
    expect(host.querySelectorAll('.clause > .note, .clause.marked')).toHaveLength(0);
    // From the top: four clauses a slice.
    await act(() => slices.shift()!());
    expect(marked()).toEqual(doc.clauses.slice(0, 4).map((c) => c.ref));
    expect(host.querySelectorAll('.clause > .note')).toHaveLength(4);
    expect(host.querySelectorAll('.clause.marked')).toHaveLength(4);
    await act(() => slices.shift()!());
    expect(marked()).toEqual(doc.clauses.map((c) => c.ref));
    expect(host.querySelectorAll('.clause > .note')).toHaveLength(doc.clauses.length);
    expect(slices).toEqual([]);
    render(null, host);
  });

  it('cleans up what features drew when the page goes, while their elements are still on it', () => {
    let connected: boolean | undefined;
    documentExtensions.drawers.push((p) => () => {
      connected = p.clauses.get('op1')!.root.isConnected;
    });
    const { leave } = drawPage(doc);
    leave();
    expect(connected).toBe(true);
  });
});
