// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { h } from '../dom.js';
import { documentKeys, stepClause } from './documentKeys.js';

/** A page of three clauses (after a title); the second has an editor. */
function page(): HTMLElement {
  const clause = (ref: string, editable = false): HTMLElement =>
    h(
      'div',
      { class: 'clause', 'data-clause-id': ref, 'data-ref': ref, tabindex: '-1' },
      h('div', { class: 'clause-content', contenteditable: editable ? 'true' : null }, ref),
    );
  const el = h(
    'div',
    null,
    h(
      'article',
      { class: 'declaration' },
      h('div', { class: 'clause clause-title-wrap', 'data-clause-id': 't' }, 'Title'),
      clause('PP1'),
      clause('OP1', true),
      clause('OP2'),
    ),
  );
  document.body.append(el);
  return el;
}

const ref = (): string | null | undefined => document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref');

describe('the document page’s clause keys', () => {
  afterEach(() => document.body.replaceChildren());

  it('steps from the focused clause to the next and back, skipping the title, and stops at the ends', () => {
    const el = page();
    el.querySelector<HTMLElement>('[data-ref="PP1"]')!.focus();
    expect(stepClause(el, 1, false)?.dataset.ref).toBe('OP1');
    expect(document.activeElement?.getAttribute('data-ref')).toBe('OP1');
    expect(stepClause(el, 1, false)?.dataset.ref).toBe('OP2');
    expect(stepClause(el, 1, false)).toBeUndefined();
    expect(ref()).toBe('OP2');
    expect(stepClause(el, -1, false)?.dataset.ref).toBe('OP1');
    expect(el.querySelectorAll('.is-current')).toHaveLength(1);
  });

  it('carries the caret into the next clause’s editor when asked, and onto the clause where there is none', () => {
    const el = page();
    el.querySelector<HTMLElement>('[data-ref="PP1"]')!.focus();
    stepClause(el, 1, true);
    expect((document.activeElement as HTMLElement).isContentEditable).toBe(true);
    expect(ref()).toBe('OP1');
    stepClause(el, 1, true);
    expect(document.activeElement?.getAttribute('data-ref')).toBe('OP2');
  });

  it('takes J and K outside fields only, and never with Ctrl', () => {
    const el = page();
    const stop = documentKeys(el);
    el.querySelector<HTMLElement>('[data-ref="PP1"]')!.focus();
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(ref()).toBe('OP1');
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', ctrlKey: true, bubbles: true }));
    expect(ref()).toBe('OP1');
    const field = h('textarea');
    el.append(field);
    field.focus();
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    expect(document.activeElement).toBe(field);
    stop();
  });
});
