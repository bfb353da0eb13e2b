// @vitest-environment happy-dom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import { Actions } from '../api/actions.js';
import { initI18n } from '../i18n/index.js';
import { PageBuild } from '../views/DocumentView.js';
import { fixtureClause, fixtureDocument, fixturePageProps } from '../views/documentFixtures.js';
import { documentExtensions, type DocumentPageProps } from '../views/documentExtensions.js';
import type { EditingControls, EditingEvent } from './editingState.js';
import { closeEditing, openEditing } from './editingStore.js';
import { EditingClauseAside, EditingClauseFoot, EditingPresence, EditingTools, useEditingClass } from './parts.js';
import type { ClauseStructure } from './structure.js';

const clause = fixtureClause;
const doc = fixtureDocument([clause('t', 'title'), clause('op1', 'operative'), clause('op2', 'operative')], {
  limits: { clauseChars: 2000, documentChars: 100_000 },
});
const delegate = { id: 'u', username: 'kaz', displayName: 'KAZ', role: 'delegate', delegation: 'KAZ' } as SessionUser;

const paragraph = (text: string) =>
  clauseSchema.node('doc', null, [clauseSchema.node('paragraph', null, [clauseSchema.text(text)])]);

function controls(structure: ClauseStructure | null = null): EditingControls {
  return {
    focusedView: () => undefined,
    structure,
    suggest: vi.fn(),
    require: vi.fn(),
    actions: new Actions(),
    dismissUnsaved: vi.fn(),
  };
}

/** The document page with the editing feature's parts, and its store fed `events` as the editors would. */
function drawPage(user: SessionUser = delegate, documentId = doc.id) {
  documentExtensions.parts.push({
    presence: EditingPresence,
    toolbar: EditingTools,
    clauseAside: EditingClauseAside,
    clauseFoot: EditingClauseFoot,
    useClauseClass: useEditingClass,
  });
  const store = openEditing(documentId);
  const root = createRef<HTMLDivElement>();
  const host = document.createElement('div');
  document.body.append(host);
  const page: DocumentPageProps = fixturePageProps(doc, user, { documentId });
  act(() =>
    render(
      <div class="document-page" ref={root}>
        <PageBuild page={page} version={undefined} refresh={async () => {}} root={root} choose={() => {}} />
      </div>,
      host,
    ),
  );
  const feed = (...events: EditingEvent[]) => act(() => events.forEach((e) => store.dispatch(e)));
  return { el: host.firstElementChild as HTMLElement, feed, close: () => closeEditing(documentId) };
}

describe('the editing feature’s parts', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    documentExtensions.parts.length = 0;
    document.body.replaceChildren();
  });

  it('draw nothing until the editors own the page’s state, nor on a page they do not edit', () => {
    const { el, close } = drawPage();
    expect(el.querySelector('.collab-notice, .presence, .collab-toolbar, .clause-counter')).toBeNull();
    close();
    const alone = drawPage(delegate, 'doc-2');
    alone.close();
    expect(alone.el.querySelector('.document-presence .presence')).toBeNull();
  });

  it('show who is here in the header, the notice and the tools under it, shown while the person types', () => {
    const { el, feed, close } = drawPage();
    const c = controls();
    feed(
      { type: 'drawn', controls: c, reasons: { t: null, op1: null, op2: 'clause_locked' } },
      { type: 'presence', groups: [{ key: 'KAZ', label: 'KAZ', color: '#0b4f9c', names: ['KAZ'] }] },
      { type: 'suggesting', suggesting: { on: false, forced: false, required: false } },
    );
    expect(el.querySelector('.document-presence .presence-group')!.getAttribute('data-group')).toBe('KAZ');
    const notice = el.querySelector<HTMLElement>('.document-toolbar .collab-notice')!;
    expect(notice.hidden).toBe(true);
    expect(notice.getAttribute('aria-live')).toBe('polite');
    const toolbar = el.querySelector<HTMLElement>('.collab-toolbar')!;
    expect(toolbar.getAttribute('role')).toBe('toolbar');
    expect(toolbar.hasAttribute('data-editing')).toBe(false);
    expect(el.querySelector('.tool-bold')!.getAttribute('aria-label')).toBe('Bold (Ctrl+B)');
    expect(el.querySelector('.structure-toolbar')).toBeNull();
    expect(el.querySelector('.collab-readonly-banner')).toBeNull();

    feed({ type: 'typing', typing: true }, { type: 'notice', notice: { text: 'Connection lost.', kind: 'offline' } });
    expect(toolbar.hasAttribute('data-editing')).toBe(true);
    expect(notice.hidden).toBe(false);
    expect(notice.dataset.kind).toBe('offline');
    expect(notice.textContent).toBe('Connection lost.');
    // The same live region speaks again: it is never drawn anew.
    feed({ type: 'connected' });
    expect(el.querySelector('.collab-notice')).toBe(notice);
    expect(notice.hidden).toBe(true);
    close();
  });

  it('switch between suggesting and editing, “Edit” unavailable with its reason while suggestions are required', () => {
    const { el, feed, close } = drawPage();
    const c = controls();
    feed(
      { type: 'drawn', controls: c, reasons: { op1: null } },
      { type: 'suggesting', suggesting: { on: true, forced: true, required: true } },
    );
    const [suggest, edit] = [...el.querySelectorAll<HTMLButtonElement>('.suggest-choice')];
    expect(suggest!.getAttribute('aria-pressed')).toBe('true');
    expect(edit!.getAttribute('aria-pressed')).toBe('false');
    expect(edit!.disabled).toBe(true);
    expect(edit!.getAttribute('aria-describedby')).toBe('suggest-note');
    expect(el.querySelector<HTMLElement>('#suggest-note')!.hidden).toBe(false);
    // A delegate does not set the requirement.
    expect(el.querySelector('.suggest-require-input')).toBeNull();
    suggest!.click();
    expect(c.suggest).toHaveBeenCalledWith(true);
    close();
  });

  it('keep the secretariat’s switch where it was pressed while the server is asked', async () => {
    const secretariat = { ...delegate, username: 'sec', role: 'secretariat', delegation: null } as SessionUser;
    const { el, feed, close } = drawPage(secretariat);
    const c = controls();
    let answer: () => void = () => {};
    c.require = vi.fn(
      () => void c.actions.run('suggestion-requirement', () => new Promise<void>((resolve) => (answer = resolve))),
    );
    feed(
      { type: 'drawn', controls: c, reasons: { op1: null } },
      { type: 'suggesting', suggesting: { on: false, forced: false, required: false } },
    );
    const input = el.querySelector<HTMLInputElement>('.suggest-require-input')!;
    await act(() => input.click());
    expect(c.require).toHaveBeenCalledWith(true);
    expect(input.disabled).toBe(true);
    expect(input.checked).toBe(true);
    // Refused or not kept: the switch shows what the server holds.
    await act(async () => answer());
    expect(input.disabled).toBe(false);
    expect(input.checked).toBe(false);
    feed({ type: 'suggesting', suggesting: { on: false, forced: false, required: true } });
    expect(input.checked).toBe(true);
    close();
  });

  it('say once why a reader may not write, and offer no tools', () => {
    const { el, feed, close } = drawPage();
    feed({ type: 'drawn', controls: controls(), reasons: { t: 'role_not_allowed', op1: 'role_not_allowed' } });
    expect(el.querySelector('.collab-readonly-banner')!.textContent).toBe(
      'Read only. Your role does not allow editing the text.',
    );
    expect(el.querySelector('.collab-toolbar, .suggest-controls')).toBeNull();
    close();
  });

  it('mark each clause: open, locked, its counter near the limit, and the text the server did not keep', () => {
    const { el, feed, close } = drawPage();
    const c = controls();
    const edit = { content: paragraph('My words'), reason: 'clause_locked' };
    feed({ type: 'drawn', controls: c, reasons: { t: null, op1: null, op2: 'clause_locked' } });
    const op1 = el.querySelector<HTMLElement>('#clause-op1')!;
    const op2 = el.querySelector<HTMLElement>('#clause-op2')!;
    // Before the copy has synced, the clauses are not marked yet.
    expect(op1.classList.contains('is-editable')).toBe(false);
    feed(
      { type: 'reasons-shown' },
      { type: 'length', clauseId: 'op1', length: 1950 },
      { type: 'unsaved', unsaved: { op2: edit, gone: edit } },
    );
    expect(op1.classList.contains('is-editable')).toBe(true);
    expect(op2.classList.contains('is-editable')).toBe(false);
    expect(op2.querySelector('.clause-aside .collab-lock')!.textContent).toBe('Locked');
    expect(op1.querySelector('.collab-lock')).toBeNull();
    const counter = op1.querySelector<HTMLElement>('.clause-counter')!;
    expect(counter.id).toBe('counter-op1');
    expect(counter.textContent).toBe('1,950 / 2,000 characters');
    expect(counter.classList.contains('is-full')).toBe(false);

    const box = op2.querySelector('.collab-unsaved')!;
    expect(box.querySelector('.collab-unsaved-title')!.textContent).toContain('Not saved: your text of OP2.');
    expect(box.querySelector('textarea')!.value).toBe('My words');
    // The clause is open to amendments from a delegation: the text may become one.
    expect([...box.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Copy',
      'Propose it as an amendment',
      'Dismiss',
    ]);
    act(() => box.querySelector<HTMLButtonElement>('button.link')!.click());
    expect(c.dismissUnsaved).toHaveBeenCalledWith('op2');
    // A text whose clause is gone waits under the tools.
    expect(el.querySelector('.document-toolbar .collab-unsaved-title')!.textContent).toContain('a deleted clause');

    feed({ type: 'length', clauseId: 'op1', length: null });
    expect(op1.querySelector('.clause-counter')).toBeNull();
    close();
  });

  it('give those who may change the structure its tools, acting on the clause with the caret, and drag handles', () => {
    const structure = {
      mayChange: (id: string) => id !== 't',
      move: vi.fn(),
      setKind: vi.fn(),
    } as unknown as ClauseStructure;
    const { el, feed, close } = drawPage();
    feed(
      { type: 'drawn', controls: controls(structure), reasons: { t: null, op1: null, op2: null } },
      { type: 'focus', clauseId: 'op2' },
    );
    const bar = el.querySelector('.structure-toolbar')!;
    const pressed = [...bar.querySelectorAll('[aria-pressed="true"]')].map((b) => b.getAttribute('data-kind'));
    expect(pressed).toEqual(['operative']);
    expect(bar.querySelector<HTMLSelectElement>('.structure-new-kind')!.value).toBe('operative');
    bar.querySelector<HTMLButtonElement>('.tool-moveUp')!.click();
    expect(structure.move).toHaveBeenCalledWith('op2', -1);

    expect(el.querySelector('#clause-t .clause-drag')).toBeNull();
    const handle = el.querySelector<HTMLElement>('#clause-op2 .clause-aside .clause-drag')!;
    expect(handle.getAttribute('aria-label')).toContain('OP2');
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(structure.move).toHaveBeenCalledWith('op2', 1);

    feed({ type: 'drag', drag: { clauseId: 'op2', drop: { clauseId: 'op1', before: false } } });
    expect(el.querySelector('#clause-op2')!.classList.contains('is-dragged')).toBe(true);
    expect(el.querySelector('#clause-op1')!.classList.contains('drop-after')).toBe(true);
    feed({ type: 'drag', drag: null });
    expect(el.querySelector('.is-dragged, .drop-after')).toBeNull();
    close();
  });
});
