import { BODY_KINDS, type BodyKind } from '../../shared/api/clauses.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';
import type { ClauseStructure } from './structure.js';
import { KIND_KEYS } from './structureKeys.js';
import { showWhileEditing } from './toolbar.js';

const SHORTCUT: Record<BodyKind, string> = Object.fromEntries(
  KIND_KEYS.map((kind, i) => [kind, `Ctrl+Alt+${i + 1}`]),
) as Record<BodyKind, string>;

/**
 * The structure tools beside the formatting ones, acting on the clause that last had the caret: its kind
 * (pressed buttons), a new clause of a chosen kind before or after it, one place up or down, delete. Like the
 * formatting buttons they take no focus from a pointer, so the caret stays in the text; each names its key.
 */
export function structureBar(
  structure: ClauseStructure,
  page: DocumentPage,
  current: () => string | undefined,
): HTMLElement {
  const act = (fn: (clauseId: string) => void) => ({
    onmousedown: (event: MouseEvent) => event.preventDefault(),
    onclick: () => {
      const clauseId = current();
      if (clauseId && structure.mayChange(clauseId)) fn(clauseId);
    },
  });
  const tool = (key: string, label: string, shortcut: string | null, fn: (clauseId: string) => void) => {
    const name = shortcut ? `${t(`collab:structure.${key}`)} (${shortcut})` : t(`collab:structure.${key}`);
    return h(
      'button',
      { type: 'button', class: `collab-tool tool-${key}`, 'aria-label': name, title: name, ...act(fn) },
      label,
    );
  };
  const kinds = BODY_KINDS.map((kind) => {
    const button = tool(
      `kind.${kind}`,
      t(`collab:structure.kindShort.${kind}`),
      SHORTCUT[kind],
      (id) => void structure.setKind(id, kind),
    );
    button.dataset.kind = kind;
    button.setAttribute('aria-pressed', 'false');
    return button;
  });
  const newKind = h(
    'select',
    { class: 'collab-tool structure-new-kind', 'aria-label': t('collab:structure.newKind') },
    BODY_KINDS.map((kind) => h('option', { value: kind }, t(`document.kind.${kind}`))),
  ) as HTMLSelectElement;
  const chosen = (): BodyKind => newKind.value as BodyKind;
  const bar = h(
    'div',
    { class: 'collab-toolbar structure-toolbar', role: 'toolbar', 'aria-label': t('collab:structure.label') },
    h('span', { class: 'structure-group', role: 'group', 'aria-label': t('collab:structure.kindGroup') }, kinds),
    h(
      'span',
      { class: 'structure-group', role: 'group', 'aria-label': t('collab:structure.insertGroup') },
      newKind,
      tool('insertBefore', '⤒', null, (id) => void structure.insert(id, 'before', chosen())),
      tool('insertAfter', '⤓', 'Enter', (id) => void structure.insert(id, 'after', chosen())),
    ),
    h(
      'span',
      { class: 'structure-group', role: 'group', 'aria-label': t('collab:structure.moveGroup') },
      tool('moveUp', '↑', 'Alt+↑', (id) => void structure.move(id, -1)),
      tool('moveDown', '↓', 'Alt+↓', (id) => void structure.move(id, 1)),
      tool('delete', '✕', 'Ctrl+Alt+Backspace', (id) => void structure.remove(id)),
    ),
  );
  /** The pressed kind and the new clause's default follow the clause with the caret. */
  const follow = (): void => {
    const clauseId = current();
    const kind = page.data.clauses.find((c) => c.id === clauseId)?.kind;
    for (const button of kinds) button.setAttribute('aria-pressed', String(button.dataset.kind === kind));
    if (kind && kind !== 'title' && document.activeElement !== newKind) newKind.value = kind;
  };
  document.addEventListener('focusin', follow);
  showWhileEditing(bar, () => document.removeEventListener('focusin', follow));
  follow();
  return bar;
}

/**
 * A handle beside each clause that a pointer drags onto another clause (dropped on its upper half: before
 * it; lower half: after it). From the keyboard the handle answers Alt+↑/↓ as the text does.
 */
export function dragHandles(structure: ClauseStructure, page: DocumentPage): () => void {
  let dragged: string | undefined;
  const cleanups: (() => void)[] = [];
  const ids = (): string[] => page.data.clauses.map((c) => c.id);
  for (const [clauseId, slots] of page.clauses) {
    if (slots.clause.kind === 'title' || !structure.mayChange(clauseId)) continue;
    const handle = h(
      'button',
      {
        type: 'button',
        class: 'clause-drag',
        draggable: 'true',
        'aria-label': t('collab:structure.drag', { ref: slots.clause.ref }),
        title: t('collab:structure.drag', { ref: slots.clause.ref }),
        ondragstart: (event: DragEvent) => {
          dragged = clauseId;
          // Not as text: an editor under the pointer would take a text drop as typing.
          event.dataTransfer?.setData('application/x-accord-clause', clauseId);
          if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
          slots.root.classList.add('is-dragged');
        },
        ondragend: () => {
          dragged = undefined;
          slots.root.classList.remove('is-dragged');
        },
        onkeydown: (event: KeyboardEvent) => {
          if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
          event.preventDefault();
          void structure.move(clauseId, event.key === 'ArrowUp' ? -1 : 1);
        },
      },
      '⠿',
    );
    slots.aside.prepend(handle);
    // Caught on the way down, before the clause's editor sees the drag as a drop of text.
    const over = (event: DragEvent): void => {
      if (!dragged || dragged === clauseId) return;
      event.preventDefault();
      event.stopPropagation();
      const rect = slots.root.getBoundingClientRect();
      const before = event.clientY < rect.top + rect.height / 2;
      slots.root.classList.toggle('drop-before', before);
      slots.root.classList.toggle('drop-after', !before);
    };
    const leave = (): void => slots.root.classList.remove('drop-before', 'drop-after');
    const drop = (event: DragEvent): void => {
      if (!dragged || dragged === clauseId) return;
      event.preventDefault();
      event.stopPropagation();
      const before = slots.root.classList.contains('drop-before');
      leave();
      const order = ids().filter((id) => id !== dragged);
      const at = order.indexOf(clauseId);
      const after = before ? (order[at - 1] ?? null) : clauseId;
      void structure.moveAfter(dragged, after);
    };
    slots.root.addEventListener('dragover', over, true);
    slots.root.addEventListener('dragleave', leave);
    slots.root.addEventListener('drop', drop, true);
    cleanups.push(() => {
      handle.remove();
      slots.root.removeEventListener('dragover', over, true);
      slots.root.removeEventListener('dragleave', leave);
      slots.root.removeEventListener('drop', drop, true);
    });
  }
  return () => cleanups.forEach((fn) => fn());
}
