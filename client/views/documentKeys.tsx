import { Fragment } from 'preact';
import { showDialog } from '../components/dialog.js';
import { t } from '../i18n/index.js';

/** The clauses a reader steps through: every clause but the title, in document order. */
function clauses(page: HTMLElement): HTMLElement[] {
  return [...page.querySelectorAll<HTMLElement>('.declaration .clause[data-clause-id]:not(.clause-title-wrap)')];
}

/** Whether a key press belongs to a field (typing a "j" in a comment is not a command). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The clause the reader is at: the one holding the focus, else the last one stepped to, else the first whose
 * top is in view under the sticky header.
 */
export function currentClause(page: HTMLElement, list = clauses(page)): HTMLElement | undefined {
  const active = document.activeElement;
  const holding = list.find((c) => c.contains(active));
  if (holding) return holding;
  const marked = list.find((c) => c.classList.contains('is-current'));
  if (marked) return marked;
  const top = page.querySelector<HTMLElement>('.document-header')?.getBoundingClientRect().bottom ?? 0;
  return list.find((c) => c.getBoundingClientRect().bottom > top);
}

/**
 * Moves to the next (`step` 1) or previous (-1) clause: into its editor when the reader was editing and may
 * edit it, else onto the clause itself, which screen readers announce by its label ("OP3, operative
 * paragraph, status: open"). Returns the clause moved to.
 */
export function stepClause(page: HTMLElement, step: 1 | -1, intoEditor: boolean): HTMLElement | undefined {
  const list = clauses(page);
  const at = currentClause(page, list);
  const index = at ? list.indexOf(at) : -1;
  // Nothing focused yet and below every clause: "next" starts at the first.
  const target = index < 0 ? list[step > 0 ? 0 : list.length - 1] : list[index + step];
  if (!target) return undefined;
  list.forEach((c) => c.classList.toggle('is-current', c === target));
  const editor = intoEditor ? target.querySelector<HTMLElement>('[contenteditable="true"]') : null;
  (editor ?? target).focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
  return target;
}

const SHORTCUTS: [keys: string[], key: string][] = [
  [['J'], 'next'],
  [['K'], 'previous'],
  [['Alt', 'Page Down'], 'nextEditing'],
  [['Alt', 'Page Up'], 'previousEditing'],
  [['Escape'], 'closePanel'],
  [['Ctrl', 'B'], 'bold'],
  [['Ctrl', 'I'], 'italic'],
  [['Ctrl', 'Shift', '8'], 'subparagraph'],
  // Structure (secretariat; editor/structureKeys.ts).
  [['Enter'], 'splitClause'],
  [['Shift', 'Enter'], 'newParagraph'],
  [['Backspace'], 'mergeClause'],
  [['Alt', '↑ / ↓'], 'moveClause'],
  [['Ctrl', 'Alt', '1 … 4'], 'clauseKind'],
  [['Ctrl', 'Alt', 'Backspace'], 'deleteClause'],
  [['?'], 'help'],
];

/** The document page's keys, each with what it does. */
export function ShortcutList() {
  return (
    <dl class="shortcut-list">
      {SHORTCUTS.map(([keys, key]) => (
        <Fragment key={key}>
          <dt>
            {keys.map((k, i) => (
              <Fragment key={k}>
                {i ? ' + ' : ''}
                <kbd>{k}</kbd>
              </Fragment>
            ))}
          </dt>
          <dd>{t(`shortcuts.${key}`)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The sheet of the document page's keys, as a dialog; Escape closes it and the focus goes back. */
export function showShortcuts(): () => void {
  return showDialog({ title: t('shortcuts.title'), closeLabel: t('shortcuts.close'), class: 'shortcut-sheet' }, () => (
    <ShortcutList />
  ));
}

/**
 * The document page's keys: J and K step through the clauses outside the editors, Alt+Page Down and Alt+Page
 * Up anywhere (in an editor they carry the caret to the next clause's editor), ? shows the sheet of keys.
 * Returns the function that removes them.
 */
export function documentKeys(page: HTMLElement): () => void {
  const onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || !page.isConnected) return;
    if (document.querySelector('dialog[open]')) return;
    let done: HTMLElement | undefined | 'sheet';
    if (event.altKey && (event.key === 'PageDown' || event.key === 'PageUp')) {
      const inEditor = event.target instanceof HTMLElement && event.target.isContentEditable;
      done = stepClause(page, event.key === 'PageDown' ? 1 : -1, inEditor);
    } else if (event.altKey || typing(event.target)) {
      return;
    } else if (event.key === 'j' || event.key === 'k') {
      done = stepClause(page, event.key === 'j' ? 1 : -1, false);
    } else if (event.key === '?') {
      showShortcuts();
      done = 'sheet';
    }
    if (done) event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
