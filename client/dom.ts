/** Attributes for `h`: DOM properties, `on*` listeners, `aria-*`/`data-*` and other attributes. */
export type Attrs = Record<string, unknown> & {
  class?: string;
  style?: Partial<CSSStyleDeclaration>;
};

export type Child = Node | string | number | null | undefined | false | Child[];

/**
 * Builds an element. Text children become text nodes (never parsed as HTML), which keeps every piece of
 * user content inert. `on<event>` attributes add listeners; `class`, `style` and boolean attributes behave
 * as expected.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'style') Object.assign(el.style, value);
      else if (key.startsWith('on') && typeof value === 'function')
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
      else if (key === 'class') el.className = String(value);
      else if (key in el && !key.includes('-') && key !== 'list' && key !== 'form')
        (el as unknown as Record<string, unknown>)[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Replaces an element's children like `replaceChildren`, and when the focus was inside and its element was
 * replaced, gives it to the new element with the same id (with a text field's caret), so live updates do not
 * throw a keyboard user out of what they were doing.
 */
export function replaceKeepingFocus(el: Element, ...children: Child[]): void {
  const active = document.activeElement as HTMLElement | null;
  const inside = active && active !== el && el.contains(active) ? active : null;
  const caret =
    inside && (inside instanceof HTMLInputElement || inside instanceof HTMLTextAreaElement)
      ? [inside.selectionStart, inside.selectionEnd]
      : null;
  replaceChildren(el, ...children);
  if (!inside || inside.isConnected || !inside.id) return;
  const again = document.getElementById(inside.id);
  if (!again || !el.contains(again)) return;
  again.focus({ preventScroll: true });
  const [start, end] = caret ?? [null, null];
  if (
    (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) &&
    typeof start === 'number' &&
    typeof end === 'number'
  ) {
    try {
      again.setSelectionRange(start, end);
    } catch {
      // Fields without a caret (number inputs) keep their place by themselves.
    }
  }
}

/**
 * Gives `el` the focus once it is on the page: a view's element is attached after its factory returns, and
 * the navigation then focuses `<main>`; this runs after both (within a few frames, or not at all).
 */
export function focusWhenShown(el: HTMLElement, frames = 10): void {
  requestAnimationFrame(() => {
    if (el.isConnected) el.focus();
    else if (frames > 0) focusWhenShown(el, frames - 1);
  });
}
