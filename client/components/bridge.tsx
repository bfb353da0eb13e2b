import { render, type ComponentChild, type RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { View } from '../router.js';

/**
 * Where Preact meets elements made otherwise: `mount` puts a Preact tree where an element is expected (a
 * route's `View`, a toast's host), and `Drawn` puts an element built by other code (ProseMirror's serializer
 * drawing a clause) inside a Preact tree. Both hosts are laid out as if absent (`display: contents`), so the
 * page's styles see the same elements either way.
 */

/** A Preact tree mounted in its host element: drawn again with `update`, unmounted with `destroy`. */
export interface Mounted<Tree> {
  el: HTMLElement;
  update(tree: Tree): void;
  destroy(): void;
}

/** A host element for a Preact tree or an older element, invisible to the layout. */
function hostElement(tag: 'div' | 'span' = 'div'): HTMLElement {
  const el = document.createElement(tag);
  el.className = 'mount';
  return el;
}

/** A Preact tree in a host element: `update` renders the next tree over it (a keyed diff), `destroy` unmounts it. */
export function mount(tree: ComponentChild, host: HTMLElement = hostElement()): Mounted<ComponentChild> {
  render(tree, host);
  return {
    el: host,
    update: (next) => render(next, host),
    destroy: () => render(null, host),
  };
}

/** A route's view drawn by Preact; leaving the page unmounts it (its effects end) and runs `destroy`. */
export function mountView(title: string, tree: ComponentChild, destroy?: () => void): View {
  const mounted = mount(tree);
  return {
    title,
    el: mounted.el,
    destroy: () => {
      mounted.destroy();
      destroy?.();
    },
  };
}

export interface DrawnProps {
  /** Builds the element. */
  draw: () => Node;
  /** What it is drawn from: it is built again only when one of them changes (by identity). */
  from: readonly unknown[];
  inline?: boolean;
}

/**
 * An element built by other code (`renderClauseContent`) inside a Preact tree. In a
 * keyed list it stays as it is while its inputs do, instead of being built again with every change of the page.
 */
export function Drawn({ draw, from, inline }: DrawnProps) {
  const host = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    host.current?.replaceChildren(draw());
    // Drawn again when what it is drawn from changes, not when the function is a new closure.
  }, from);
  return <Host inline={inline} host={host} />;
}

/** The element another's element is put in: a `span` among inline content, else a `div`. */
function Host({ inline, host }: { inline: boolean | undefined; host: RefObject<HTMLElement | null> }) {
  return inline ? (
    <span ref={host as RefObject<HTMLSpanElement>} class="mount" />
  ) : (
    <div ref={host as RefObject<HTMLDivElement>} class="mount" />
  );
}
