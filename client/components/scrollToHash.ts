/**
 * Scrolls to the element the address's hash names once a view has drawn it: a view is drawn after the
 * browser looked for the hash, so a link to a clause or an amendment from another tab would land at the top.
 */
export function scrollToHash(root: HTMLElement): void {
  let id: string;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return; // a malformed escape names no element
  }
  if (!id) return;
  requestAnimationFrame(() => {
    const target = document.getElementById(id);
    if (target && root.contains(target)) target.scrollIntoView({ block: 'start' });
  });
}
