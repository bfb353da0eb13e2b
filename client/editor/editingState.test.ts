import { describe, expect, it } from 'vitest';
import { Actions } from '../api/actions.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import {
  clauseClasses,
  documentWideReason,
  editingReducer,
  editingStart,
  type EditingControls,
  type EditingEvent,
  type EditingState,
} from './editingState.js';
import { EditingStore } from './editingStore.js';

const controls = (): EditingControls => ({
  focusedView: () => undefined,
  structure: null,
  suggest: () => {},
  require: () => {},
  actions: new Actions(),
  dismissUnsaved: () => {},
});

/** The state after `events`, from a drawing whose clause op1 is open and op2 locked. */
function after(...events: EditingEvent[]): EditingState {
  const drawn: EditingEvent = { type: 'drawn', controls: controls(), reasons: { op1: null, op2: 'clause_locked' } };
  return [drawn, ...events].reduce(editingReducer, editingStart);
}

const edit = { content: clauseSchema.node('doc', null, [clauseSchema.node('paragraph')]), reason: 'clause_locked' };

describe('the editing state', () => {
  it('starts each drawing afresh, offering the tools when some clause is open', () => {
    const earlier = after(
      { type: 'notice', notice: { text: 'Offline', kind: 'offline' } },
      { type: 'typing', typing: true },
    );
    const next = editingReducer(earlier, { type: 'drawn', controls: controls(), reasons: { op1: 'clause_locked' } });
    expect(next).toMatchObject({ notice: null, typing: false, tools: false, reasons: { op1: 'clause_locked' } });
    expect(after().tools).toBe(true);
  });

  it('offers the tools once a clause opens, and keeps them when it closes again', () => {
    const closed = editingReducer(editingStart, {
      type: 'drawn',
      controls: controls(),
      reasons: { op1: 'clause_locked' },
    });
    const opened = editingReducer(closed, { type: 'reason', clauseId: 'op1', reason: null });
    expect(opened.tools).toBe(true);
    expect(editingReducer(opened, { type: 'reason', clauseId: 'op1', reason: 'clause_locked' }).tools).toBe(true);
    expect(editingReducer(opened, { type: 'reason', clauseId: 'op1', reason: null })).toBe(opened);
  });

  it('hands over between drawings: the old one going leaves the new one’s state alone', () => {
    const old = controls();
    const first = editingReducer(editingStart, { type: 'drawn', controls: old, reasons: {} });
    const second = editingReducer(first, { type: 'drawn', controls: controls(), reasons: { op1: null } });
    expect(editingReducer(second, { type: 'gone', controls: old })).toBe(second);
    expect(editingReducer(first, { type: 'gone', controls: old })).toBe(editingStart);
  });

  it('drops a notice of a lost connection once it is back, but keeps a refusal', () => {
    const offline = after({ type: 'notice', notice: { text: 'Offline', kind: 'offline' } }, { type: 'connected' });
    expect(offline.notice).toBeNull();
    const refused = after({ type: 'notice', notice: { text: 'Refused', kind: 'refused' } }, { type: 'connected' });
    expect(refused.notice).toEqual({ text: 'Refused', kind: 'refused' });
  });

  it('keeps a counter for a clause near its limit only, unchanged while the length is', () => {
    const near = after({ type: 'length', clauseId: 'op1', length: 1900 });
    expect(near.counters).toEqual({ op1: 1900 });
    expect(editingReducer(near, { type: 'length', clauseId: 'op1', length: 1900 })).toBe(near);
    expect(editingReducer(near, { type: 'length', clauseId: 'op1', length: null }).counters).toEqual({});
    const far = after();
    expect(editingReducer(far, { type: 'length', clauseId: 'op2', length: null })).toBe(far);
  });

  it('gives a clause its classes: open once the reasons show, dragged, where a drop would land', () => {
    expect(clauseClasses(after(), 'op1')).toBeNull();
    const shown = after({ type: 'reasons-shown' });
    expect(clauseClasses(shown, 'op1')).toBe('is-editable');
    expect(clauseClasses(shown, 'op2')).toBeNull();
    const dragging = editingReducer(shown, {
      type: 'drag',
      drag: { clauseId: 'op2', drop: { clauseId: 'op1', before: true } },
    });
    expect(clauseClasses(dragging, 'op1')).toBe('is-editable drop-before');
    expect(clauseClasses(dragging, 'op2')).toBe('is-dragged');
    expect(
      editingReducer(dragging, { type: 'drag', drag: { clauseId: 'op2', drop: { clauseId: 'op1', before: true } } }),
    ).toBe(dragging);
    expect(clauseClasses(editingReducer(dragging, { type: 'drag', drag: null }), 'op2')).toBeNull();
  });

  it('says a reason for the whole document once, only when no clause is open', () => {
    const reasons = { op1: 'role_not_allowed', op2: 'role_not_allowed' } as const;
    const reader = editingReducer(editingStart, { type: 'drawn', controls: controls(), reasons });
    expect(documentWideReason(reader)).toBe('role_not_allowed');
    expect(documentWideReason(after())).toBeNull();
    const locked = editingReducer(editingStart, {
      type: 'drawn',
      controls: controls(),
      reasons: { op1: 'clause_locked' },
    });
    expect(documentWideReason(locked)).toBeNull();
  });

  it('keeps the texts handed back by clause, and the suggestion switch as told', () => {
    const state = after(
      { type: 'unsaved', unsaved: { op2: edit } },
      { type: 'suggesting', suggesting: { on: true, forced: true, required: true } },
    );
    expect(state.unsaved.op2).toBe(edit);
    expect(state.suggesting).toEqual({ on: true, forced: true, required: true });
  });
});

describe('the editing store', () => {
  it('tells its readers of each change, and of none when the state stays', () => {
    const store = new EditingStore();
    let heard = 0;
    const stop = store.subscribe(() => heard++);
    store.dispatch({ type: 'drawn', controls: controls(), reasons: { op1: null } });
    store.dispatch({ type: 'reasons-shown' });
    store.dispatch({ type: 'reasons-shown' });
    expect(heard).toBe(2);
    stop();
    store.dispatch({ type: 'typing', typing: true });
    expect(heard).toBe(2);
    expect(store.state.typing).toBe(true);
  });
});
