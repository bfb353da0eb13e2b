import { describe, expect, it } from 'vitest';
import type { ClauseSelection } from './anchors.js';
import { PANEL_CLOSED, panelReducer, type PanelEvent, type PanelView } from './clausePanelState.js';

const words = (clauseId: string, quote = 'psychological support'): ClauseSelection => ({
  clauseId,
  start: { paragraph: 0, offset: 10 },
  end: { paragraph: 0, offset: 31 },
  quote,
});
const run = (...events: PanelEvent[]): PanelView => events.reduce(panelReducer, PANEL_CLOSED);

describe('the clause panel’s view', () => {
  it('opens on a clause’s tab, changes tab and filter, and closes keeping them', () => {
    expect(run({ type: 'open', clauseId: 'op1', tab: 'amendments' })).toMatchObject({
      clauseId: 'op1',
      tab: 'amendments',
    });
    const closed = run(
      { type: 'open', clauseId: 'op1', tab: 'comments' },
      { type: 'filter', filter: 'open' },
      { type: 'tab', tab: 'amendments' },
      { type: 'close' },
    );
    expect(closed).toEqual({ ...PANEL_CLOSED, tab: 'amendments', filter: 'open' });
  });

  it('opens on the comments of a clause where words are selected, or on its amendments while amending it', () => {
    expect(run({ type: 'select', selection: words('op2') })).toMatchObject({ clauseId: 'op2', tab: 'comments' });
    const amending = run(
      { type: 'open', clauseId: 'op2', tab: 'amendments' },
      { type: 'select', selection: words('op2') },
    );
    expect(amending.tab).toBe('amendments');
    const elsewhere = run(
      { type: 'open', clauseId: 'op1', tab: 'amendments' },
      { type: 'select', selection: words('op2') },
    );
    expect(elsewhere).toMatchObject({ clauseId: 'op2', tab: 'comments' });
  });

  it('keeps its state for the same words selected again, and forgets them once spent', () => {
    const once = run({ type: 'select', selection: words('op2') });
    expect(panelReducer(once, { type: 'select', selection: words('op2') })).toBe(once);
    expect(panelReducer(once, { type: 'unselect' }).selection).toBeNull();
    expect(panelReducer(PANEL_CLOSED, { type: 'unselect' })).toBe(PANEL_CLOSED);
  });

  it('opens a proposal started elsewhere on the clause’s amendments, and closes on a clause gone from the page', () => {
    const started = run({ type: 'started', clauseId: 'op3' }, { type: 'started', clauseId: 'op3' });
    expect(started).toMatchObject({ clauseId: 'op3', tab: 'amendments', started: 2 });
    expect(panelReducer(started, { type: 'clauses', ids: ['op3'] })).toBe(started);
    expect(panelReducer(started, { type: 'clauses', ids: ['op1'] }).clauseId).toBeNull();
  });
});
