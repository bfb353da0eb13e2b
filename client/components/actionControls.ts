import type { Actions, RunOptions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { h, type Attrs, type Child } from '../dom.js';
import { errorMessage } from '../i18n/index.js';

/**
 * The DOM side of `Actions` (client/api/actions.ts): controls disabled while their action runs, re-enabled
 * after, and the place where an action's error is shown. Both follow the action's state, not the element that
 * was clicked, so a control re-rendered meanwhile (others' activity rebuilds panels and cards) is born
 * disabled, and an error survives the re-render.
 */

type Control = HTMLButtonElement | HTMLSelectElement | HTMLInputElement | HTMLTextAreaElement | HTMLFieldSetElement;

interface Binding {
  name: string;
  el: Control;
  /** Other reasons for the control to be disabled, asked again whenever the action changes. */
  disabled?: () => boolean;
  born: number;
}

interface ErrorLine {
  el: HTMLElement;
  names: readonly string[];
  format: (error: unknown) => string;
}

interface Followed {
  bindings: Set<Binding>;
  errorLines: Map<string, ErrorLine>;
  /** Per action: the control that had the focus when it started, to give the focus back if it was lost. */
  focused: Map<string, Control>;
}

const followed = new WeakMap<Actions, Followed>();

function follow(actions: Actions): Followed {
  let f = followed.get(actions);
  if (!f) {
    const state: Followed = { bindings: new Set(), errorLines: new Map(), focused: new Map() };
    actions.subscribe((name) => changed(actions, state, name));
    followed.set(actions, (f = state));
  }
  return f;
}

/** A control rendered and never attached within this long was thrown away by its render (ms). */
const ORPHAN_AFTER_MS = 1000;

function changed(actions: Actions, f: Followed, name: string): void {
  const now = performance.now();
  const busy = actions.isBusy(name);
  if (busy) {
    const active = document.activeElement;
    for (const b of f.bindings) if (b.name === name && b.el === active) f.focused.set(name, b.el);
  }
  for (const b of f.bindings) {
    if (!b.el.isConnected && now - b.born > ORPHAN_AFTER_MS) f.bindings.delete(b);
    else if (b.name === name) apply(actions, b);
  }
  if (!busy) returnFocus(f, name);
  for (const line of f.errorLines.values()) if (line.names.includes(name)) showError(actions, line);
}

function apply(actions: Actions, b: Binding): void {
  const busy = actions.isBusy(b.name);
  b.el.disabled = busy || (b.disabled?.() ?? false);
  if (busy) b.el.setAttribute('aria-busy', 'true');
  else b.el.removeAttribute('aria-busy');
}

/**
 * A disabled control loses the keyboard focus to the page. When the action ends and the focus is still
 * nowhere, it goes back to the control (or to the control that replaced it, by id, then by action).
 */
function returnFocus(f: Followed, name: string): void {
  const was = f.focused.get(name);
  if (!was) return;
  f.focused.delete(name);
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const candidates = [...f.bindings]
    .filter((b) => b.name === name && b.el.isConnected && !b.el.disabled)
    .map((b) => b.el);
  const target = was.isConnected ? was : (candidates.find((el) => was.id && el.id === was.id) ?? candidates[0]);
  if (target && !target.disabled) target.focus({ preventScroll: true });
}

function showError(actions: Actions, line: ErrorLine): void {
  const error = line.names.map((name) => actions.errorOf(name)).find((e) => e !== undefined);
  const text = error === undefined ? '' : line.format(error);
  // Red for an error; a line that is also the form's status says other things in the page's colour.
  line.el.classList.toggle('form-error', error !== undefined || line.el.getAttribute('role') === 'alert');
  if (line.el.textContent !== text) line.el.textContent = text;
}

/**
 * Disables `el` while the action `name` runs, and whenever `disabled()` (asked again at each change of the
 * action and by `refreshControls`) says so. Returns `el`.
 */
export function bindAction<E extends Control>(actions: Actions, name: string, el: E, disabled?: () => boolean): E {
  const f = follow(actions);
  const binding: Binding = { name, el, disabled, born: performance.now() };
  f.bindings.add(binding);
  apply(actions, binding);
  return el;
}

/** Asks every bound control's `disabled()` again, after the view's own state changed. */
export function refreshControls(actions: Actions): void {
  const f = followed.get(actions);
  if (!f) return;
  for (const b of f.bindings) apply(actions, b);
}

export interface ActionButtonOptions extends RunOptions {
  /** Other reasons for the button to be disabled. */
  disabled?: () => boolean;
}

/** A button that runs the action `name` when pressed: disabled while it runs, its error kept by the action. */
export function actionButton(
  actions: Actions,
  name: string,
  attrs: Attrs,
  label: Child,
  perform: (send: Sender) => Promise<unknown>,
  options: ActionButtonOptions = {},
): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', ...attrs, onclick: () => void actions.run(name, perform, options) },
    label,
  );
  return bindAction(actions, name, button, options.disabled);
}

/**
 * Where the error of the actions `names` is shown (the first that has one), in words from `format`: an alert,
 * unless `role` says the line is the form's status. The same element comes back for the same names, so a
 * re-render moves it instead of announcing it again.
 */
export function actionError(
  actions: Actions,
  names: string | readonly string[],
  format: (error: unknown) => string = errorMessage,
  options: { className?: string; role?: 'alert' | 'status' } = {},
): HTMLElement {
  const list = typeof names === 'string' ? [names] : names;
  const f = follow(actions);
  const key = list.join('\n');
  let line = f.errorLines.get(key);
  if (!line) {
    const el = h('p', { class: `action-error ${options.className ?? ''}`.trim(), role: options.role ?? 'alert' });
    line = { el, names: list, format };
    f.errorLines.set(key, line);
  }
  line.format = format;
  showError(actions, line);
  return line.el;
}
