/**
 * The design system's words and rules (styles in `styles/main.css`, sizes and colours in `styles/tokens.css`):
 * the kinds of button and tones of chip. Its components are in `system.tsx` (buttons, chips, avatars, empty
 * states, skeletons), `toasts.tsx` and `dialog.tsx`; a delegation's hue and a person's initials in `identity.ts`.
 */

export type ButtonKind = 'primary' | 'secondary' | 'danger' | 'quiet';

export type ChipTone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger';

/** An action's outcome in a toast: kept here too for the callers that import it from the design system. */
export { toast } from './toasts.js';
