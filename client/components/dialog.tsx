import { render, type ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  /** The close button's words. */
  closeLabel: string;
  class?: string;
  /** The dialog closed (its button, Escape, or `close()`): the caller takes it off the page. */
  onClose(): void;
  children?: ComponentChildren;
}

/**
 * A modal dialog (the native `<dialog>`: focus kept inside, Escape closes, the page behind inert), with a
 * title and a close button. It opens as it is drawn; when it leaves the page, the focus goes back to where it
 * was when it opened.
 */
export function Dialog({ title, closeLabel, class: extra, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog ref={ref} class={`dialog ${extra ?? ''}`.trim()} aria-labelledby={id} onClose={onClose}>
      <header class="dialog-header">
        <h2 id={id}>{title}</h2>
        <button type="button" class="btn btn-quiet dialog-close" onClick={() => ref.current?.close()}>
          {closeLabel}
        </button>
      </header>
      {children}
    </dialog>
  );
}

/**
 * Opens a `Dialog` from outside a Preact tree (a key pressed anywhere on the page), in a host of its own in
 * `<body>`, taken away when it closes. `body` gets the function that closes it; so does the caller.
 */
export function showDialog(
  props: Omit<DialogProps, 'onClose' | 'children'>,
  body: (close: () => void) => ComponentChildren,
): () => void {
  const host = document.createElement('div');
  host.className = 'mount';
  document.body.append(host);
  const close = (): void => host.querySelector('dialog')?.close();
  const gone = (): void => {
    render(null, host);
    host.remove();
  };
  render(
    <Dialog {...props} onClose={gone}>
      {body(close)}
    </Dialog>,
    host,
  );
  return close;
}
