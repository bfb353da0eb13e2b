import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { delegationHue, initials } from './identity.js';
import type { ButtonKind, ChipTone } from './ui.js';

/**
 * The design system's small components (their kinds and tones in components/ui.ts, a delegation's hue in
 * identity.ts): the same elements and classes on every screen. Toasts are in `toasts.tsx`, dialogs in `dialog.tsx`.
 */

/** A button of one of the system's kinds; `type="button"` unless the attributes say otherwise. */
export function Button({
  kind,
  class: extra,
  ...attrs
}: { kind: ButtonKind; class?: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class'>) {
  return <button type="button" {...attrs} class={`btn btn-${kind}${extra ? ` ${extra}` : ''}`} />;
}

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

/**
 * A person's presence avatar: their initials on their delegation's accent (or the neutral ink for people
 * without one), their full name as the accessible name and the tooltip.
 */
export function Avatar({ name, delegation }: { name: string; delegation?: string | null }) {
  return (
    <span
      class={delegation ? 'avatar' : 'avatar avatar-neutral'}
      role="img"
      aria-label={name}
      title={name}
      style={delegation ? { '--hue': String(delegationHue(delegation)) } : undefined}
    >
      {initials(name)}
    </span>
  );
}

/** Grey lines where content is loading, announced once as busy (with `label`, said in words to screen readers). */
export function Skeleton({ lines = 3, label, class: extra }: { lines?: number; label?: string; class?: string }) {
  return (
    <div class={extra ? `skeleton ${extra}` : 'skeleton'} aria-busy="true" role={label ? 'status' : undefined}>
      {label ? <span class="visually-hidden">{label}</span> : null}
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} class="skeleton-line" aria-hidden="true" style={{ width: `${90 - ((i * 17) % 60)}%` }} />
      ))}
    </div>
  );
}
