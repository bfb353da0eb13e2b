// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseSchema } from '../../shared/editor/schema.js';
import { writeClause } from '../../shared/editor/ydoc.js';
import { liveText, type Reach } from './liveText.js';

const clause = (text: string) =>
  clauseSchema.node('doc', null, [clauseSchema.node('paragraph', null, [clauseSchema.text(text)])]);

function copyWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => writeClause(doc, 'c1', clause(text)));
  return doc;
}

function shown(doc: Y.Doc, o: { shown?: unknown; label?: string | null } = {}) {
  const element = document.createElement('div');
  element.textContent = 'as the page drew it';
  const lengths: number[] = [];
  const reaches: Reach[] = [];
  const text = liveText({
    doc,
    clauseId: 'c1',
    element,
    shown: o.shown,
    label: o.label === undefined ? 'OP1, operative paragraph' : o.label,
    onLength: (length) => lengths.push(length),
    onReach: (reach) => reaches.push(reach),
  });
  return { element, lengths, reaches, text };
}

describe("a clause's live text", () => {
  it("draws the copy's text, keeps it live as others write, and says its length each time", () => {
    const doc = copyWith('Welcomes');
    const { element, lengths, text } = shown(doc);
    expect(element.querySelector('p')?.textContent).toBe('Welcomes');
    doc.transact(() => writeClause(doc, 'c1', clause('Warmly welcomes')));
    expect(element.textContent).toBe('Warmly welcomes');
    expect(lengths).toEqual([8, 15]);
    text.destroy();
    doc.transact(() => writeClause(doc, 'c1', clause('Notes')));
    expect(element.textContent).toBe('Warmly welcomes');
  });

  it("leaves the page's drawing alone when it is the copy's text already", () => {
    const doc = copyWith('Welcomes');
    const { element } = shown(doc, { shown: clause('Welcomes').toJSON() });
    expect(element.textContent).toBe('as the page drew it');
  });

  it('is a textbox named like its editor while open, which a pointer or the focus makes an editor', () => {
    const { element, reaches, text } = shown(copyWith('Welcomes'));
    expect(element.getAttribute('role')).toBe('textbox');
    expect(element.getAttribute('aria-label')).toBe('OP1, operative paragraph');
    expect(element.tabIndex).toBe(0);
    const press = new PointerEvent('pointerdown', { button: 0, clientX: 12, clientY: 30, cancelable: true });
    element.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    element.dispatchEvent(new FocusEvent('focus'));
    expect(reaches).toEqual([{ x: 12, y: 30 }, 'focus']);

    text.setLabel(null);
    expect(element.hasAttribute('role')).toBe(false);
    expect(element.hasAttribute('tabindex')).toBe(false);
    const onClosed = new PointerEvent('pointerdown', { button: 0, cancelable: true });
    element.dispatchEvent(onClosed);
    expect(onClosed.defaultPrevented).toBe(false);
    expect(reaches).toHaveLength(2);

    text.setLabel('OP1, operative paragraph');
    text.destroy();
    expect(element.classList.contains('clause-live')).toBe(false);
    expect(element.hasAttribute('role')).toBe(false);
  });
});
