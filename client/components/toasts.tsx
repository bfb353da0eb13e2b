import { render } from 'preact';

/**
 * Toasts: an action's outcome told at the bottom of the screen, read by screen readers (one polite live
 * region that outlives every page), gone after a while. What is shown is a list kept here, drawn by one
 * `Toasts` in a host of its own in `<body>`, so a toast survives the page that raised it.
 */

export type ToastTone = 'ok' | 'danger' | 'neutral';

export interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

/** The live region and the toasts in it, oldest first. */
export function Toasts({ toasts }: { toasts: readonly ToastItem[] }) {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <p key={toast.id} class={`toast toast-${toast.tone}`}>
          {toast.message}
        </p>
      ))}
    </div>
  );
}

let shown: readonly ToastItem[] = [];
let host: HTMLElement | null = null;
let last = 0;

/** Draws the toasts now (a root render is synchronous: `toast()` hands back its element at once). */
function draw(): HTMLElement {
  if (!host?.isConnected) {
    host = document.createElement('div');
    host.className = 'mount';
    document.body.append(host);
  }
  render(<Toasts toasts={shown} />, host);
  return host;
}

/** Puts the live region on the page before anything is said in it, so the first toast is announced too. */
export function mountToasts(): void {
  draw();
}

/**
 * Tells the outcome of an action in a toast for `ms`. Returns its element, for a caller that adds a control to
 * it (the editor's "Undo" after a deletion) or takes it away early; it stays imperative because such callers
 * are not drawn by Preact.
 */
export function toast(message: string, tone: ToastTone = 'neutral', ms = 5000): HTMLElement {
  const id = ++last;
  shown = [...shown, { id, message, tone }];
  const el = draw().querySelector('.toasts')!.lastElementChild as HTMLElement;
  setTimeout(() => {
    shown = shown.filter((t) => t.id !== id);
    draw();
  }, ms);
  return el;
}
