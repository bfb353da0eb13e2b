import type { EditingPage } from './editingState.js';

/**
 * Remembers where a clause (the focused one, else the first on screen) is in the viewport; the function
 * returned scrolls it back there after the editors have been rebuilt.
 */
export function pinView(page: EditingPage, clauseId: string | undefined): (() => void) | undefined {
  const roots = [...page.clauses.values()].map((slots) => slots.root);
  const anchor =
    (clauseId ? page.clauses.get(clauseId)?.root : undefined) ??
    roots.find((root) => root.getBoundingClientRect().bottom > 0);
  if (!anchor) return undefined;
  const top = anchor.getBoundingClientRect().top;
  return () => {
    const moved = anchor.getBoundingClientRect().top - top;
    if (moved !== 0) window.scrollBy(0, moved);
  };
}
