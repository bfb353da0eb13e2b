import type { ButtonHTMLAttributes, ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { Actions } from '../api/actions.js';
import { errorMessage } from '../i18n/index.js';

/**
 * What controls see of `Actions` (client/api/actions.ts): a control disabled while its action runs, and the
 * line where an action's error is shown. Both read the action's state,
 * which lives in `Actions`, not in the component: a control drawn again meanwhile is born disabled.
 */

const listOf = (names: string | readonly string[]): readonly string[] => (typeof names === 'string' ? [names] : names);

/**
 * Whether one of the actions `names` runs, and the first error among them; the component is drawn again when
 * either changes. `onChange` is told first, before the page changes (where the focus is then is still known).
 */
export function useActions(
  actions: Actions,
  names: string | readonly string[],
  onChange?: (name: string) => void,
): { busy: boolean; error: unknown } {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const list = listOf(names);
  const key = list.join('\n');
  const told = useRef(onChange);
  told.current = onChange;
  useLayoutEffect(
    () =>
      actions.subscribe((name) => {
        if (!list.includes(name)) return;
        told.current?.(name);
        redraw(0);
      }),
    // The names as one key: a new array with the same names is the same subscription.
    [actions, key],
  );
  return {
    busy: list.some((name) => actions.isBusy(name)),
    error: list.map((name) => actions.errorOf(name)).find((e) => e !== undefined),
  };
}

type ButtonAttrs = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'>;

export interface ActionButtonProps extends ButtonAttrs {
  actions: Actions;
  /** The action it starts (a form's submit button starts it through the form). */
  name: string;
  /** Other reasons for it to be disabled. */
  disabled?: boolean;
  /** Where the button element is given, for a screen that moves the focus to it. */
  buttonRef?: RefObject<HTMLButtonElement | null>;
  children?: ComponentChildren;
}

/**
 * A button bound to an action: disabled (and `aria-busy`) while it runs. A disabled button loses the keyboard
 * focus to the page; when the action ends and the focus is still nowhere, it comes back to the button.
 */
export function ActionButton({ actions, name, disabled = false, buttonRef, children, ...attrs }: ActionButtonProps) {
  const own = useRef<HTMLButtonElement>(null);
  const ref = buttonRef ?? own;
  const hadFocus = useRef(false);
  const { busy } = useActions(actions, name, () => {
    if (actions.isBusy(name) && document.activeElement === ref.current) hadFocus.current = true;
  });
  useLayoutEffect(() => {
    if (busy || !hadFocus.current) return;
    hadFocus.current = false;
    const active = document.activeElement;
    if ((!active || active === document.body) && !disabled) ref.current?.focus({ preventScroll: true });
  }, [busy]);
  return (
    <button type="button" {...attrs} ref={ref} disabled={busy || disabled} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

export interface ActionErrorProps {
  actions: Actions;
  names: string | readonly string[];
  /** The words for an error. Default: `errorMessage`. */
  format?: (error: unknown) => string;
  /** An alert, unless the line is also the form's status. Default: alert. */
  role?: 'alert' | 'status';
  class?: string;
  id?: string;
  /** What the line says while there is no error (a status line: "Opening…"). */
  children?: string | undefined;
}

/**
 * Where the error of the actions `names` is shown (the first that has one): the same element across redraws,
 * so a screen reader announces it once.
 */
export function ActionError({
  actions,
  names,
  format = errorMessage,
  role = 'alert',
  id,
  children,
  ...rest
}: ActionErrorProps) {
  const { error } = useActions(actions, names);
  const failed = error !== undefined;
  const classes = ['action-error', rest.class, failed || role === 'alert' ? 'form-error' : null];
  return (
    <p id={id} class={classes.filter(Boolean).join(' ')} role={role}>
      {failed ? format(error) : (children ?? '')}
    </p>
  );
}
