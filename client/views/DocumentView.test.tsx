// @vitest-environment happy-dom
import { render } from 'preact';
import { createRef } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { initI18n } from '../i18n/index.js';
import { PageBuild } from './DocumentView.js';
import { documentExtensions, type DocumentPage, type DocumentPageProps } from './documentExtensions.js';
import { ExportLink } from '../export.js';

const clause = (id: string, kind: ClauseJson['kind'], extra: Partial<ClauseJson> = {}): ClauseJson => ({
  id,
  kind,
  ref: kind === 'title' ? '' : id.toUpperCase(),
  number: kind === 'operative' ? id.slice(2) : null,
  text: `Text of ${id}`,
  status: 'open',
  openBrackets: 0,
  ...extra,
});
const doc: DocumentJson = {
  id: 'doc-1',
  title: 'Declaration',
  symbol: 'D/1',
  stage: 'negotiation',
  metadata: {},
  clauses: [
    clause('t', 'title'),
    clause('pp1', 'preamble'),
    clause('op1', 'operative'),
    clause('op2', 'operative', { openBrackets: 2 }),
    clause('an1', 'annex', { number: 'Annex I' }),
  ],
};
const user = { id: 'u', username: 'u', displayName: 'U', role: 'observer', delegation: null } as SessionUser;
const props = (data: DocumentJson): DocumentPageProps => ({
  documentId: data.id,
  data,
  user,
  choice: { lang: null, parallel: false },
  scrollToClause: () => {},
});

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
      slots.aside.append(Object.assign(document.createElement('span'), { className: 'counter' }));
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
    expect(op1.querySelector('.clause-aside .counter')).not.toBeNull();
    expect(op1.getAttribute('aria-label')).toContain('Agreed ad ref');
    // The features hear of it on the clause objects they were given, which are the page's data's.
    expect(heard).toEqual(['op1:agreed_ad_ref']);
    expect(given!.data.clauses[2]!.status).toBe('agreed_ad_ref');
  });

  it('gives features named places: actions, tools, a part beside each clause and classes for it', () => {
    const Tool = ({ page }: { page: DocumentPageProps }) => <p class="tool">{page.data.stage}</p>;
    documentExtensions.parts.push(
      { actions: ExportLink, toolbar: Tool },
      {
        clauseAside: ({ clause: c }) => (c.id === 'op2' ? <span class="badge marked">here</span> : null),
        useClauseClass: ({ clause: c }) => (c.id === 'op2' ? 'marked' : null),
      },
    );
    const drew = vi.fn((p: DocumentPage) => void p.actions.append(document.createElement('i')));
    documentExtensions.drawers.push(drew);
    const { page, leave } = drawPage(doc);
    const actions = page.querySelector('.document-actions')!;
    expect(actions.querySelector('.export-link')!.getAttribute('href')).toBe('/documents/doc-1/export');
    // What an element-drawing feature adds comes after the parts.
    expect(actions.lastElementChild!.tagName).toBe('I');
    expect(page.querySelector('.document-toolbar .tool')!.textContent).toBe('negotiation');
    const op2 = page.querySelector('#clause-op2')!;
    expect(op2.classList.contains('marked')).toBe(true);
    expect(op2.querySelector('.clause-aside .badge.marked')).not.toBeNull();
    expect(page.querySelector('#clause-op1')!.classList.contains('marked')).toBe(false);
    expect(drew).toHaveBeenCalledTimes(1);
    leave();
  });

  it('cleans up what features drew when the page goes, while their elements are still on it', () => {
    let connected: boolean | undefined;
    documentExtensions.drawers.push((p) => () => {
      connected = p.toolbar.isConnected;
    });
    const { leave } = drawPage(doc);
    leave();
    expect(connected).toBe(true);
  });
});
