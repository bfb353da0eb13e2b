import type { Role } from './roles.js';

/**
 * Who someone is in the collab awareness, as the server writes it from the session (a client cannot set
 * it). `name` and `color` are the fields y-prosemirror's cursor plugin reads.
 */
export interface PresenceUser {
  userId: string;
  name: string;
  role: Role;
  /** ISO 3166-1 alpha-3 code, or null for the secretariat, the chair, observers and admins. */
  delegation: string | null;
  color: string;
}

/** Colours for people outside delegations, by role. */
const ROLE_COLORS: Partial<Record<Role, string>> = {
  secretariat: '#1d4ed8',
  chair: '#7c2d12',
  observer: '#525252',
  admin: '#525252',
};

/**
 * The colour of a delegation: the same for every member, stable across sessions, far enough from its
 * neighbours to tell cursors apart, and dark enough for white label text (WCAG AA at small sizes).
 */
export function delegationColor(code: string): string {
  let hash = 0;
  for (const ch of code) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  // Golden-angle steps spread consecutive hashes round the wheel.
  const hue = Math.round((hash * 137.508) % 360);
  return hslToHex(hue, 70, 32);
}

/** The cursor colour of a person: their delegation's, or their role's. */
export function presenceColor(role: Role, delegation: string | null): string {
  if (delegation) return delegationColor(delegation);
  return ROLE_COLORS[role] ?? '#525252';
}

function hslToHex(h: number, s: number, l: number): string {
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const value = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
