import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redo, undo } from 'y-prosemirror';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { indent, outdent, toggleEm, toggleStrong, toggleSubparagraphs } from './keymap.js';

const BUTTONS: { key: string; label: string; shortcut: string; command: Command }[] = [
  { key: 'bold', label: 'B', shortcut: 'Ctrl+B', command: toggleStrong },
  { key: 'italic', label: 'I', shortcut: 'Ctrl+I', command: toggleEm },
  { key: 'list', label: '(a)', shortcut: 'Ctrl+Shift+8', command: toggleSubparagraphs },
  { key: 'indent', label: '→', shortcut: 'Tab', command: indent },
  { key: 'outdent', label: '←', shortcut: 'Shift+Tab', command: outdent },
  { key: 'undo', label: '↶', shortcut: 'Ctrl+Z', command: undo },
  { key: 'redo', label: '↷', shortcut: 'Ctrl+Y', command: redo },
];

/**
 * The formatting buttons, for whoever prefers a pointer to the shortcuts they name: they act on the clause
 * editor that last had focus, and take no focus themselves, so the caret stays where it was.
 */
export function editingToolbar(current: () => EditorView | undefined): HTMLElement {
  return h(
    'div',
    { class: 'collab-toolbar', role: 'toolbar', 'aria-label': t('collab:toolbar.label') },
    BUTTONS.map((b) =>
      h(
        'button',
        {
          type: 'button',
          class: `collab-tool tool-${b.key}`,
          'aria-label': `${t(`collab:toolbar.${b.key}`)} (${b.shortcut})`,
          title: `${t(`collab:toolbar.${b.key}`)} (${b.shortcut})`,
          onmousedown: (event: MouseEvent) => event.preventDefault(),
          onclick: () => {
            const view = current();
            if (!view || !view.editable) return;
            b.command(view.state, view.dispatch, view);
            view.focus();
          },
        },
        b.label,
      ),
    ),
  );
}
