import type { FloorEntryJson, FloorJson } from '../../shared/api/floor.js';

/**
 * The floor as a screen knows it, and the speaker's clock, as plain functions: the views hold one `FloorJson`
 * and draw from it.
 */

/**
 * The floor to keep of two: the one read later on the server's clock. An action's answer and the event of a
 * later change can arrive in either order; the older must not put back a speaker who has finished.
 */
export function newerFloor(known: FloorJson | null, arriving: FloorJson): FloorJson {
  if (!known || known.documentId !== arriving.documentId) return arriving;
  return Date.parse(arriving.now) >= Date.parse(known.now) ? arriving : known;
}

/** How far the server's clock is ahead of this browser's, in ms, from a floor read at `receivedAt` (local). */
export function clockOffset(floor: FloorJson, receivedAt: number): number {
  return Date.parse(floor.now) - receivedAt;
}

/** The speaker's clock at `serverNow` (ms): seconds spoken, seconds left (null without a limit), over time. */
export interface SpeakerClock {
  elapsed: number;
  remaining: number | null;
  over: boolean;
}

export function speakerClock(
  entry: Pick<FloorEntryJson, 'grantedAt' | 'speakingSeconds'>,
  serverNow: number,
): SpeakerClock {
  const since = entry.grantedAt ? Date.parse(entry.grantedAt) : serverNow;
  const elapsed = Math.max(0, Math.floor((serverNow - since) / 1000));
  if (entry.speakingSeconds === null) return { elapsed, remaining: null, over: false };
  const remaining = entry.speakingSeconds - elapsed;
  return { elapsed, remaining, over: remaining < 0 };
}

/** Seconds as a clock reads them: "2:05", "0:09", "1:00:00"; a negative count (over time) with a minus sign. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(Math.trunc(seconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = `${two(s % 60)}`;
  return hours > 0 ? `${sign}${hours}:${two(minutes)}:${rest}` : `${sign}${minutes}:${rest}`;
}

/** The delegation's own requests still waiting, each with its place on the list (1 = next). */
export function placesOf(floor: FloorJson, delegation: string): { entry: FloorEntryJson; place: number }[] {
  return floor.queue
    .map((entry, i) => ({ entry, place: i + 1 }))
    .filter(({ entry }) => entry.delegation === delegation);
}
