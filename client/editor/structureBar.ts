import { BODY_KINDS, type BodyKind } from '../../shared/domain/clauses.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';
import type { ClauseStructure } from './structure.js';
import { KIND_KEYS } from './structureKeys.js';
import { showWhileEditing } from './toolbar.js';
import { refLabel } from '../i18n/clauseRefs.js';

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
 * A handle beside each clause that a pointer drags onto another clause (let go over its upper half: before
 * it; lower half: after it). Pointer events rather than HTML drag and drop: the clauses are editors, which
 * would take a dropped drag as text, and a drag that starts on a form control does not start at all.
 * Focused from the keyboard, ↑ and ↓ (with Alt or without) move the clause.
 */
export function dragHandles(structure: ClauseStructure, page: DocumentPage): () => void {
  const cleanups: (() => void)[] = [];
  const marked = new Set<HTMLElement>();
  const unmark = (): void => {
    for (const root of marked) root.classList.remove('drop-before', 'drop-after');
    marked.clear();
  };
  /** The clause under the pointer and whether it is the upper half, unless it is the dragged one. */
  const dropAt = (event: PointerEvent, dragged: string): { clauseId: string; before: boolean } | null => {
    const root = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-clause-id]');
    const clauseId = root?.dataset.clauseId;
    if (!root || !clauseId || clauseId === dragged || !page.clauses.has(clauseId)) return null;
    const rect = root.getBoundingClientRect();
    return { clauseId, before: event.clientY < rect.top + rect.height / 2 };
  };
  for (const [clauseId, slots] of page.clauses) {
    if (slots.clause.kind === 'title' || !structure.mayChange(clauseId)) continue;
    let dragging = false;
    const label = t('collab:structure.drag', { ref: refLabel(slots.clause.ref) });
    const handle = h(
      'span',
      {
        role: 'button',
        tabindex: '0',
        class: 'clause-drag',
        'aria-keyshortcuts': 'ArrowUp ArrowDown',
        'aria-label': label,
        title: label,
        onpointerdown: (event: PointerEvent) => {
          if (event.button !== 0) return;
          event.preventDefault();
          handle.setPointerCapture(event.pointerId);
          dragging = true;
          slots.root.classList.add('is-dragged');
        },
        onpointermove: (event: PointerEvent) => {
          if (!dragging) return;
          unmark();
          const at = dropAt(event, clauseId);
          if (!at) return;
          const root = page.clauses.get(at.clauseId)!.root;
          root.classList.add(at.before ? 'drop-before' : 'drop-after');
          marked.add(root);
        },
        onpointerup: (event: PointerEvent) => {
          if (!dragging) return;
          dragging = false;
          slots.root.classList.remove('is-dragged');
          unmark();
          const at = dropAt(event, clauseId);
          if (!at) return;
          const order = page.data.clauses.map((c) => c.id).filter((id) => id !== clauseId);
          const index = order.indexOf(at.clauseId);
          void structure.moveAfter(clauseId, at.before ? (order[index - 1] ?? null) : at.clauseId);
        },
        onpointercancel: () => {
          dragging = false;
          slots.root.classList.remove('is-dragged');
          unmark();
        },
        onkeydown: (event: KeyboardEvent) => {
          if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
          event.preventDefault();
          void structure.move(clauseId, event.key === 'ArrowUp' ? -1 : 1);
        },
      },
      '⠿',
    );
    slots.aside.prepend(handle);
    cleanups.push(() => handle.remove());
  }
  return () => {
    unmark();
    cleanups.forEach((fn) => fn());
  };
}
