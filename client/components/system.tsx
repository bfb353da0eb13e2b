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

/**
 * A labelled form field: its label, the control (`children`, whose id is `id`) and a hint under it, `<id>-hint`,
 * which the control names in its `aria-describedby`.
 */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
