import { render, type ComponentChild, type RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { View } from '../router.js';
import type { Component } from './component.js';

/**
 * Preact and the older components side by side, while the screens move to Preact one at a time: `mount` puts
 * a Preact tree where a `Component` (or a route's `View`) is expected, and `Island` and `Drawn` put an older
 * component or element inside a Preact tree. Both hosts are laid out as if absent (`display: contents`), so
 * the page's styles see the same elements as before.
 */

/** A host element for a Preact tree or an older element, invisible to the layout. */
function hostElement(tag: 'div' | 'span' = 'div'): HTMLElement {
  const el = document.createElement(tag);
  el.className = 'mount';
  return el;
}

/** A Preact tree as a `Component`: `update` renders the next tree over it (a keyed diff), `destroy` unmounts it. */
export function mount(tree: ComponentChild, host: HTMLElement = hostElement()): Component<ComponentChild> {
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
      mounted.destroy?.();
      destroy?.();
    },
  };
}

export interface IslandProps<P> {
  /** Makes the component, once for the island's life. */
  create: () => Component<P>;
  /** Its inputs: `update` is called with them whenever they change (by identity). */
  props: P;
  inline?: boolean;
}

/** An older `Component` inside a Preact tree: made once, updated with new props, destroyed on unmount. */
export function Island<P>({ create, props, inline }: IslandProps<P>) {
  const host = useRef<HTMLElement>(null);
  const component = useRef<Component<P> | null>(null);
  useLayoutEffect(() => {
    const made = create();
    component.current = made;
    host.current?.replaceChildren(made.el);
    return () => {
      made.destroy?.();
      made.el.remove();
      component.current = null;
    };
    // Made once: a new `create` on each render is the same recipe.
  }, []);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) first.current = false;
    else component.current?.update(props);
  }, [props]);
  return <Host inline={inline} host={host} />;
}

export interface DrawnProps {
  /** Builds the element. */
  draw: () => Node;
  /** What it is drawn from: it is built again only when one of them changes (by identity). */
  from: readonly unknown[];
  inline?: boolean;
}

/**
 * An element built by an older function (`renderClauseContent`, `amendmentCard`…) inside a Preact tree. In a
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

/** The element an older one is put in: a `span` among inline content, else a `div`. */
function Host({ inline, host }: { inline: boolean | undefined; host: RefObject<HTMLElement | null> }) {
  return inline ? (
    <span ref={host as RefObject<HTMLSpanElement>} class="mount" />
  ) : (
    <div ref={host as RefObject<HTMLDivElement>} class="mount" />
  );
}
