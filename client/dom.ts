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
