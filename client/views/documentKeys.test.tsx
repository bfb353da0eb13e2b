// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { mount } from '../components/bridge.js';
import { documentKeys, stepClause } from './documentKeys.js';

const Clause = ({ label, editable = false }: { label: string; editable?: boolean }) => (
  <div class="clause" data-clause-id={label} data-ref={label} tabIndex={-1}>
    <div class="clause-content" contentEditable={editable ? 'true' : undefined}>
      {label}
    </div>
  </div>
);

/** A page of three clauses (after a title); the second has an editor. */
function page(): HTMLElement {
  const { el } = mount(
    <article class="declaration">
      <div class="clause clause-title-wrap" data-clause-id="t">
        Title
      </div>
      <Clause label="PP1" />
      <Clause label="OP1" editable />
      <Clause label="OP2" />
    </article>,
  );
  document.body.append(el);
  return el;
}

const ref = (): string | null | undefined => document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref');

describe('the document page’s clause keys', () => {
  beforeAll(() => initI18n());
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
    const field = document.createElement('textarea');
    el.append(field);
    field.focus();
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    expect(document.activeElement).toBe(field);
    stop();
  });

  it('opens the sheet of keys on ?, each key with what it does', () => {
    const el = page();
    const stop = documentKeys(el);
    el.querySelector<HTMLElement>('[data-ref="PP1"]')!.focus();
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    const sheet = document.querySelector('dialog.shortcut-sheet')!;
    expect(sheet.querySelector('h2')!.textContent).toBe('Keyboard shortcuts');
    const first = sheet.querySelector('.shortcut-list dt')!;
    expect(first.querySelector('kbd')!.textContent).toBe('J');
    expect(first.nextElementSibling!.tagName).toBe('DD');
    expect([...sheet.querySelectorAll('dt')].some((dt) => dt.textContent === 'Alt + Page Down')).toBe(true);
    stop();
  });
});
