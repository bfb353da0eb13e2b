/**
 * Scrolls to the element the address's hash names once a view has drawn it: a view is drawn after the
 * browser looked for the hash, so a link to a clause or an amendment from another tab would land at the top.
 */
export function scrollToHash(root: HTMLElement): void {
  const id = hashId(location.hash);
  if (!id) return;
  requestAnimationFrame(() => {
    const target = document.getElementById(id);
    if (target && root.contains(target)) target.scrollIntoView({ block: 'start' });
  });
}

/** The element id an address's hash names ('' for none, or for a malformed escape, which names no element). */
export function hashId(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}
