import type * as Y from 'yjs';
import { DOMSerializer } from 'prosemirror-model';
import { clauseSchema } from '../../shared/editor/schema.js';
import { getClauseFragment, readClause } from '../../shared/editor/ydoc.js';

const serializer = DOMSerializer.fromSchema(clauseSchema);

/** How the reader reached for a clause that is not an editor yet. */
export type Reach = { x: number; y: number } | 'focus';

export interface LiveTextOptions {
  doc: Y.Doc;
  clauseId: string;
  /** The element holding the clause's text (the page's `body` slot), which the editor later takes over. */
  element: HTMLElement;
  /** What the element shows already (the page's drawing, as the schema's JSON): it is not drawn again. */
  shown: unknown;
  /** The editor's accessible name while the clause is open to this person, else null (it is read-only). */
  label: string | null;
  /** The clause's length, at once and after each change (the text limits count every clause). */
  onLength(length: number): void;
  /** The reader pressed a pointer on the open text, or moved the focus into it: it must be an editor now. */
  onReach(reach: Reach): void;
}

export interface LiveText {
  /** Opens (a label) or closes (null) the clause to this person, as its editor would show it. */
  setLabel(label: string | null): void;
  /** Stops following the copy and gives the element back as it was drawn, for an editor to take it over. */
  destroy(): void;
}

/** Attributes the text carries while it stands in for an editor open to this person. */
const STAND_IN = ['tabindex', 'role', 'aria-multiline', 'aria-label', 'aria-readonly'] as const;

/**
 * A clause's text drawn from the live copy, without an editor: the same nodes and marks as the editor draws
 * (suggestions, emphasis, subparagraphs), kept live as others write, at a fraction of an editor's cost. The
 * page opens with every clause like this and makes each an editor on demand; a clause open to this person is a
 * focusable textbox meanwhile, so the keyboard and the pointer reach it as they would the editor.
 */
export function liveText(o: LiveTextOptions): LiveText {
  const fragment = getClauseFragment(o.doc, o.clauseId);
  // What the page drew from its JSON, compared once: the first drawing is skipped when the copy says the same.
  // After that the text is drawn only when the copy changed, so nothing is compared on a remote keystroke.
  let shown: string | null = JSON.stringify(o.shown ?? null);
  const draw = (): void => {
    const node = readClause(o.doc, o.clauseId);
    o.onLength(node.textContent.length);
    const first = shown;
    shown = null;
    if (first !== null && JSON.stringify(node.toJSON()) === first) return;
    o.element.replaceChildren(serializer.serializeFragment(node.content, { document }));
  };
  const observer = (): void => draw();
  let open = o.label !== null;
  const onPointerDown = (event: PointerEvent): void => {
    // A read-only clause keeps the browser's own selection (to quote it in a comment): it becomes an editor
    // in its turn.
    if (event.button !== 0 || !open) return;
    // The editor takes the element over and places the caret itself: the browser's own focus and caret
    // would land on the text it is about to replace.
    event.preventDefault();
    o.onReach({ x: event.clientX, y: event.clientY });
  };
  const onFocus = (): void => o.onReach('focus');
  const setLabel = (label: string | null): void => {
    for (const name of STAND_IN) o.element.removeAttribute(name);
    open = label !== null;
    if (label === null) return;
    o.element.tabIndex = 0;
    o.element.setAttribute('role', 'textbox');
    o.element.setAttribute('aria-multiline', 'true');
    o.element.setAttribute('aria-label', label);
    o.element.setAttribute('aria-readonly', 'false');
  };

  draw();
  setLabel(o.label);
  o.element.classList.add('clause-live');
  fragment.observeDeep(observer);
  o.element.addEventListener('pointerdown', onPointerDown);
  o.element.addEventListener('focus', onFocus);
  return {
    setLabel,
    destroy() {
      fragment.unobserveDeep(observer);
      o.element.removeEventListener('pointerdown', onPointerDown);
      o.element.removeEventListener('focus', onFocus);
      o.element.classList.remove('clause-live');
      for (const name of STAND_IN) o.element.removeAttribute(name);
    },
  };
}
