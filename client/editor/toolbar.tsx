import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redo, undo } from 'y-prosemirror';
import { t } from '../i18n/index.js';
import { indent, outdent, toggleEm, toggleStrong, toggleSubparagraphs } from './keymap.js';
import { followPageSelection } from './pageSelection.js';

const BUTTONS: { key: string; label: string; shortcut: string; command: Command }[] = [
  { key: 'bold', label: 'B', shortcut: 'Ctrl+B', command: toggleStrong },
  { key: 'italic', label: 'I', shortcut: 'Ctrl+I', command: toggleEm },
  { key: 'list', label: '(a)', shortcut: 'Ctrl+Shift+8', command: toggleSubparagraphs },
  { key: 'indent', label: '→', shortcut: 'Tab', command: indent },
  { key: 'outdent', label: '←', shortcut: 'Shift+Tab', command: outdent },
  { key: 'undo', label: '↶', shortcut: 'Ctrl+Z', command: undo },
  { key: 'redo', label: '↷', shortcut: 'Ctrl+Y', command: redo },
];

/** A pointer pressed on a tool takes no focus from the text, so the caret stays where it was. */
export const keepCaret = (event: MouseEvent): void => event.preventDefault();

/**
 * The formatting buttons, for whoever prefers a pointer to the shortcuts they name: they act on the clause
 * editor that last had focus (`view`). Shown (`data-editing`, main.css) only while `typing`.
 */
export function FormattingTools({ view, typing }: { view: () => EditorView | undefined; typing: boolean }) {
  return (
    <div
      class="collab-toolbar"
      role="toolbar"
      aria-label={t('collab:toolbar.label')}
      data-editing={typing ? '' : undefined}
    >
      {BUTTONS.map((b) => {
        const name = `${t(`collab:toolbar.${b.key}`)} (${b.shortcut})`;
        return (
          <button
            key={b.key}
            type="button"
            class={`collab-tool tool-${b.key}`}
            aria-label={name}
            title={name}
            onMouseDown={keepCaret}
            onClick={() => {
              const editor = view();
              if (!editor || !editor.editable) return;
              // The words just selected by keys, even if the page has not told the editor yet.
              followPageSelection(editor);
              b.command(editor.state, editor.dispatch, editor);
              editor.focus();
            }}
          >
            {b.label}
          </button>
        );
      })}
    </div>
  );
}

/** Whether the focus is where the tools show: in a clause editor, or in the tools themselves. */
export function isTyping(active: Element | null): boolean {
  // The structure tools' select takes the focus; the bars show together while either holds it.
  return !!active && (!!active.closest('.collab-toolbar') || active.classList.contains('ProseMirror'));
}

/**
 * Tells `onChange` whether the person is typing (`isTyping`), read on focus changes only: a selector watching
 * the whole page would be re-checked on every keystroke. Returns the function that stops listening.
 */
export function followTyping(onChange: (typing: boolean) => void): () => void {
  const update = (): void => onChange(isTyping(document.activeElement));
  // On focusout the next element is not focused yet: look once the focus has landed.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, 0);
  };
  document.addEventListener('focusin', update);
  document.addEventListener('focusout', later);
  update();
  return () => {
    clearTimeout(timer);
    document.removeEventListener('focusin', update);
    document.removeEventListener('focusout', later);
  };
}
