import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClauseJson } from '../../shared/api/documents.js';
import { BODY_KINDS, type BodyKind } from '../../shared/domain/clauses.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import type { DocumentPageProps } from '../views/documentExtensions.js';
import type { Drag } from './editingState.js';
import type { ClauseStructure } from './structure.js';
import { KIND_KEYS } from './structureKeys.js';
import { keepCaret } from './toolbar.js';

const SHORTCUT: Record<BodyKind, string> = Object.fromEntries(
  KIND_KEYS.map((kind, i) => [kind, `Ctrl+Alt+${i + 1}`]),
) as Record<BodyKind, string>;

const isBodyKind = (kind: string | undefined): kind is BodyKind => BODY_KINDS.includes(kind as BodyKind);

export interface StructureToolsProps {
  page: DocumentPageProps;
  structure: ClauseStructure;
  /** The clause that last had the caret: the tools act on it. */
  current: string | null;
  typing: boolean;
}

/**
 * The structure tools beside the formatting ones, acting on the clause that last had the caret: its kind
 * (pressed buttons), a new clause of a chosen kind before or after it, one place up or down, delete. Like the
 * formatting buttons they take no focus from a pointer, so the caret stays in the text; each names its key.
 */
export function StructureTools({ page, structure, current, typing }: StructureToolsProps) {
  const kind = page.data.clauses.find((c) => c.id === current)?.kind;
  const select = useRef<HTMLSelectElement>(null);
  const [chosen, choose] = useState<BodyKind>(BODY_KINDS[0]);
  // The new clause's kind follows the clause with the caret, unless the person is choosing it.
  useLayoutEffect(() => {
    if (isBodyKind(kind) && document.activeElement !== select.current) choose(kind);
  }, [current, kind]);
  const tool = (
    key: string,
    label: string,
    shortcut: string | null,
    fn: (clauseId: string) => void,
    extra: Record<string, string> = {},
  ) => {
    const name = shortcut ? `${t(`collab:structure.${key}`)} (${shortcut})` : t(`collab:structure.${key}`);
    return (
      <button
        type="button"
        class={`collab-tool tool-${key}`}
        aria-label={name}
        title={name}
        {...extra}
        onMouseDown={keepCaret}
        onClick={() => {
          if (current && structure.mayChange(current)) fn(current);
        }}
      >
        {label}
      </button>
    );
  };
  return (
    <div
      class="collab-toolbar structure-toolbar"
      role="toolbar"
      aria-label={t('collab:structure.label')}
      data-editing={typing ? '' : undefined}
    >
      <span class="structure-group" role="group" aria-label={t('collab:structure.kindGroup')}>
        {BODY_KINDS.map((k) =>
          tool(`kind.${k}`, t(`collab:structure.kindShort.${k}`), SHORTCUT[k], (id) => void structure.setKind(id, k), {
            'data-kind': k,
            'aria-pressed': String(k === kind),
          }),
        )}
      </span>
      <span class="structure-group" role="group" aria-label={t('collab:structure.insertGroup')}>
        <select
          ref={select}
          class="collab-tool structure-new-kind"
          aria-label={t('collab:structure.newKind')}
          value={chosen}
          onChange={(event) => choose((event.currentTarget as HTMLSelectElement).value as BodyKind)}
        >
          {BODY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`document.kind.${k}`)}
            </option>
          ))}
        </select>
        {tool('insertBefore', '⤒', null, (id) => void structure.insert(id, 'before', chosen))}
        {tool('insertAfter', '⤓', 'Enter', (id) => void structure.insert(id, 'after', chosen))}
      </span>
      <span class="structure-group" role="group" aria-label={t('collab:structure.moveGroup')}>
        {tool('moveUp', '↑', 'Alt+↑', (id) => void structure.move(id, -1))}
        {tool('moveDown', '↓', 'Alt+↓', (id) => void structure.move(id, 1))}
        {tool('delete', '✕', 'Ctrl+Alt+Backspace', (id) => void structure.remove(id))}
      </span>
    </div>
  );
}

export interface DragHandleProps {
  page: DocumentPageProps;
  clause: ClauseJson;
  structure: ClauseStructure;
  /** The clause being dragged and where it would land, or null once let go (the clauses show it). */
  onDrag(drag: Drag | null): void;
}

/**
 * A handle beside a clause that a pointer drags onto another clause (let go over its upper half: before it;
 * lower half: after it). Pointer events rather than HTML drag and drop: the clauses are editors, which would
 * take a dropped drag as text, and a drag that starts on a form control does not start at all. Focused from
 * the keyboard, ↑ and ↓ (with Alt or without) move the clause.
 */
export function DragHandle({ page, clause, structure, onDrag }: DragHandleProps) {
  const dragging = useRef(false);
  const clauseId = clause.id;
  /** The clause under the pointer and whether it is the upper half, unless it is the dragged one. */
  const dropAt = (event: PointerEvent): Drag['drop'] => {
    const root = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-clause-id]');
    const over = root?.dataset.clauseId;
    if (!root || !over || over === clauseId || !page.data.clauses.some((c) => c.id === over)) return null;
    const rect = root.getBoundingClientRect();
    return { clauseId: over, before: event.clientY < rect.top + rect.height / 2 };
  };
  const stop = (): void => {
    dragging.current = false;
    onDrag(null);
  };
  const label = t('collab:structure.drag', { ref: refLabel(clause.ref) });
  return (
    <span
      role="button"
      tabindex={0}
      class="clause-drag"
      aria-keyshortcuts="ArrowUp ArrowDown"
      aria-label={label}
      title={label}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        dragging.current = true;
        onDrag({ clauseId, drop: null });
      }}
      onPointerMove={(event) => {
        if (dragging.current) onDrag({ clauseId, drop: dropAt(event) });
      }}
      onPointerUp={(event) => {
        if (!dragging.current) return;
        stop();
        const at = dropAt(event);
        if (!at) return;
        const order = page.data.clauses.map((c) => c.id).filter((id) => id !== clauseId);
        const index = order.indexOf(at.clauseId);
        void structure.moveAfter(clauseId, at.before ? (order[index - 1] ?? null) : at.clauseId);
      }}
      onPointerCancel={stop}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
        event.preventDefault();
        void structure.move(clauseId, event.key === 'ArrowUp' ? -1 : 1);
      }}
    >
      ⠿
    </span>
  );
}
