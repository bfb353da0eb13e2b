import { h, type Attrs, type Child } from '../dom.js';

/**
 * The design system's small components (styles in `styles/main.css`, sizes and colours in `styles/tokens.css`):
 * buttons, chips, presence avatars, toasts, dialogs, empty states and skeletons. Each returns its element;
 * none reaches into another's DOM.
 */

export type ButtonKind = 'primary' | 'secondary' | 'danger' | 'quiet';

/** A button of one of the system's kinds; `type="button"` unless the attributes say otherwise. */
export function button(kind: ButtonKind, attrs: Attrs | null, ...children: Child[]): HTMLButtonElement {
  const extra = attrs?.class ? ` ${attrs.class}` : '';
  return h('button', { type: 'button', ...attrs, class: `btn btn-${kind}${extra}` }, ...children);
}

export type ChipTone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger';

/** A short label for a state (a stage, a clause's status): colour with words, never colour alone. */
export function chip(tone: ChipTone, text: string, attrs: Attrs | null = null): HTMLSpanElement {
  const extra = attrs?.class ? ` ${attrs.class}` : '';
  return h('span', { ...attrs, class: `chip chip-${tone}${extra}` }, text);
}

/**
 * A stable hue (0–359) for a delegation's code: the same code always gets the same colour on every screen
 * and for everyone, so a delegation is recognised at a glance across the room. FNV-1a, spread over the circle.
 */
export function delegationHue(code: string): number {
  let hash = 0x811c9dc5;
  for (const ch of code.toUpperCase()) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

/** Up to two initials of a name ("Aigerim Sadykova" → "AS", "secretariat" → "S"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [words[0]?.[0]];
  return letters.filter(Boolean).join('').toLocaleUpperCase();
}

/**
 * A person's presence avatar: their initials on their delegation's accent (or the neutral ink for people
 * without one), their full name as the accessible name and the tooltip.
 */
export function avatar(name: string, delegation?: string | null): HTMLSpanElement {
  const el = h('span', { class: 'avatar', role: 'img', 'aria-label': name, title: name }, initials(name));
  if (delegation) el.style.setProperty('--hue', String(delegationHue(delegation)));
  else el.classList.add('avatar-neutral');
  return el;
}

/** What an empty list says instead of nothing: a line of why, and what to do next when there is something. */
export function emptyState(message: string, action?: Child): HTMLElement {
  return h('div', { class: 'empty-state' }, h('p', null, message), action ?? null);
}

/** Grey lines where content is loading, announced once as busy (with `label`, said in words to screen readers). */
export function skeleton(lines = 3, label?: string): HTMLElement {
  return h(
    'div',
    { class: 'skeleton', 'aria-busy': 'true', role: label ? 'status' : null },
    label ? h('span', { class: 'visually-hidden' }, label) : null,
    Array.from({ length: lines }, (_, i) =>
      h('span', { class: 'skeleton-line', 'aria-hidden': 'true', style: { width: `${90 - ((i * 17) % 60)}%` } }),
    ),
  );
}

let toastRegion: HTMLElement | undefined;

/**
 * Tells the outcome of an action in a toast at the bottom of the screen, read by screen readers (a polite
 * live region that outlives every page), gone after `ms`.
 */
export function toast(message: string, tone: 'ok' | 'danger' | 'neutral' = 'neutral', ms = 5000): HTMLElement {
  if (!toastRegion?.isConnected) {
    toastRegion = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastRegion);
  }
  const el = h('p', { class: `toast toast-${tone}` }, message);
  toastRegion.append(el);
  setTimeout(() => el.remove(), ms);
  return el;
}

/**
 * A modal dialog (the native `<dialog>`: focus kept inside, Escape closes, the page behind inert), with a
 * title and a close button; when it closes, the focus goes back to where it was when it opened.
 */
export function openDialog(o: {
  title: string;
  closeLabel: string;
  body: Child;
  className?: string;
}): HTMLDialogElement {
  const opener = document.activeElement as HTMLElement | null;
  const id = `dialog-${Math.random().toString(36).slice(2, 8)}`;
  const dialog = h(
    'dialog',
    { class: `dialog ${o.className ?? ''}`.trim(), 'aria-labelledby': id },
    h(
      'header',
      { class: 'dialog-header' },
      h('h2', { id }, o.title),
      button('quiet', { class: 'dialog-close', onclick: () => dialog.close() }, o.closeLabel),
    ),
    o.body,
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
