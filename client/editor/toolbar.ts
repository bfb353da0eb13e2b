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
  const bar = h(
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
  showWhileEditing(bar);
  return bar;
}

/**
 * Shows the toolbar (`data-editing`, main.css) while the focus is in a clause editor or in the toolbar itself,
 * read on focus changes only: a selector watching the whole page would be re-checked on every keystroke.
 */
export function showWhileEditing(bar: HTMLElement, gone?: () => void): void {
  const update = (): void => {
    if (!bar.isConnected && bar.dataset.placed) {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', later);
      gone?.();
      return;
    }
    if (bar.isConnected) bar.dataset.placed = '1';
    const active = document.activeElement;
    // The structure tools' select takes the focus; the bars show together while either holds it.
    const editing = !!active && (!!active.closest('.collab-toolbar') || active.classList.contains('ProseMirror'));
    bar.toggleAttribute('data-editing', editing);
  };
  // On focusout the next element is not focused yet: look once the focus has landed.
  const later = (): void => void setTimeout(update, 0);
  document.addEventListener('focusin', update);
  document.addEventListener('focusout', later);
  update();
}
