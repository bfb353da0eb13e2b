import type { ComponentChildren } from 'preact';
import type { ChipTone } from './ui.js';

/**
 * The design system's small components (components/ui.ts) for Preact screens: the same elements and classes,
 * so both kinds of screen look alike while the others move over.
 */

/** A short label for a state (a stage, a clause's status): colour with words, never colour alone. */
export function Chip({
  tone,
  class: extra,
  children,
}: {
  tone: ChipTone;
  class?: string;
  children: ComponentChildren;
}) {
  return <span class={`chip chip-${tone}${extra ? ` ${extra}` : ''}`}>{children}</span>;
}

/** What an empty list says instead of nothing: a line of why, and what to do next when there is something. */
export function EmptyState({ message, children }: { message: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p>{message}</p>
      {children}
    </div>
  );
}
