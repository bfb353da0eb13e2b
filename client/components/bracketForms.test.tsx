// @vitest-environment happy-dom
import type { ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Actions } from '../api/actions.js';
import { initI18n } from '../i18n/index.js';
import { mount } from './bridge.js';
import { AlternativesForm, BracketPanel } from './bracketForms.js';

function draw(tree: ComponentChild) {
  const mounted = mount(tree);
  document.body.replaceChildren(mounted.el);
  return mounted.el;
}

function type(box: HTMLInputElement, value: string): void {
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

const selection = {
  clauseId: 'op3',
  start: { paragraph: 0, offset: 0 },
  end: { paragraph: 0, offset: 11 },
  quote: 'Governments',
};

describe('placing brackets from the clause panel', () => {
  beforeAll(() => initI18n());

  it('keeps the alternatives typed in the drafts, adds and removes rows with the focus on them, and checks them', async () => {
    const drafts = new Map<string, string>();
    const send = vi.fn();
    const props = {
      fieldKey: 'alt',
      action: 'place',
      actions: new Actions(),
      drafts,
      quote: 'Governments',
      initial: [
        { text: 'Governments', sponsors: '' },
        { text: '', sponsors: '' },
      ],
      submitLabel: 'Offer',
      send,
      cancel: () => {},
    };
    const el = draw(<AlternativesForm {...props} />);
    await act(() => type(el.querySelector<HTMLInputElement>('#alt-text-1')!, 'States'));
    expect(JSON.parse(drafts.get('alt-rows')!)[1]).toEqual({ text: 'States', sponsors: '' });
    await act(() => [...el.querySelectorAll<HTMLButtonElement>('button.link')].at(-1)!.click());
    expect(el.querySelectorAll('.alternative-rows li')).toHaveLength(3);
    expect(document.activeElement?.id).toBe('alt-text-2');
    await act(() => el.querySelector<HTMLButtonElement>('.alternative-rows li:nth-child(3) button')!.click());
    expect(el.querySelectorAll('.alternative-rows li')).toHaveLength(2);
    expect(document.activeElement?.id).toBe('alt-text-1');
    // Drawn again, the rows come back from the drafts.
    const again = draw(<AlternativesForm {...props} />);
    expect(again.querySelector<HTMLInputElement>('#alt-text-1')!.value).toBe('States');
    await act(() => void again.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(send).toHaveBeenCalledWith([{ text: 'Governments' }, { text: 'States' }]);
  });

  it('offers the selected words as they are, or the form for alternatives, and nothing without a selection', async () => {
    const drafts = new Map<string, string>();
    const props = {
      documentId: 'doc',
      clauseId: 'op3',
      actions: new Actions(),
      drafts,
      anchors: { anchor: async () => null },
      editing: null,
      placed: () => {},
      done: () => {},
    };
    expect(draw(<BracketPanel {...props} selection={null} />).textContent).toBe('');
    const el = draw(<BracketPanel {...props} selection={selection} />);
    expect(el.querySelector('q')!.textContent).toBe('Governments');
    expect(el.querySelector('#bracket-offer-op3-bracket')).not.toBeNull();
    await act(() => el.querySelector<HTMLButtonElement>('#bracket-offer-op3-offer')!.click());
    expect(el.querySelector('form.alternatives-form')).not.toBeNull();
    expect(document.activeElement?.id).toBe('bracket-offer-op3-text-1');
    expect(drafts.get('bracket-offer-op3-open')).toBe('1');
  });
});
