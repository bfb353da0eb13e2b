import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../shared/domain/presence.js';

/**
 * How long a remote caret keeps its name after it last moved, in ms: long enough to read who it is, short
 * enough not to sit over the line above while that person reads or thinks. Each label's fade (0.4 s, in
 * editor.css) is delayed by what is left of it.
 */
export const CURSOR_LABEL_MS = 2000;

/** When each remote caret last moved, per awareness (one per live copy, shared by every clause's editor). */
const movedAt = new WeakMap<Awareness, Map<number, { cursor: string; at: number }>>();

/**
 * Follows the carets of an awareness: a caret that moves gets its label back (the widget is often reused by
 * ProseMirror in place, so its fade is restarted here rather than left to a rebuilt element).
 */
function follow(awareness: Awareness): Map<number, { cursor: string; at: number }> {
  let moved = movedAt.get(awareness);
  if (moved) return moved;
  const carets = (moved = new Map());
  movedAt.set(awareness, carets);
  awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const id of removed) carets.delete(id);
    for (const id of [...added, ...updated]) {
      const cursor = JSON.stringify(
        (awareness.getStates().get(id) as { cursor?: unknown } | undefined)?.cursor ?? null,
      );
      if (carets.get(id)?.cursor === cursor) continue;
      carets.set(id, { cursor, at: Date.now() });
      for (const label of document.querySelectorAll<HTMLElement>(
        `.ProseMirror-yjs-cursor[data-client="${id}"] > .remote-cursor-label`,
      ))
        showLabel(label, 0);
    }
  });
  return carets;
}

/** Shows a label as if its caret had moved `ago` ms ago (the fade is a CSS animation; restarted from there). */
function showLabel(label: HTMLElement, ago: number): void {
  label.style.animation = 'none';
  void label.offsetWidth;
  label.style.animation = '';
  label.style.animationDelay = `${CURSOR_LABEL_MS - ago}ms`;
}

/**
 * y-prosemirror's caret and selection builders for one awareness: a thin bar in the person's colour, with
 * "Name · KAZ" in small type above the line, which fades once the caret has been still for
 * `CURSOR_LABEL_MS` and comes back when it moves.
 */
export function remoteCursors(awareness: Awareness): {
  cursorBuilder: (user: Partial<PresenceUser>, clientId: number) => HTMLElement;
  selectionBuilder: (user: Partial<PresenceUser>) => { style: string; class: string };
} {
  const moved = follow(awareness);
  return {
    cursorBuilder(user, clientId) {
      const color = labelColor(user.color);
      const cursor = document.createElement('span');
      cursor.className = 'ProseMirror-yjs-cursor';
      cursor.dataset.client = String(clientId);
      cursor.style.borderColor = color;
      const label = document.createElement('span');
      label.className = 'remote-cursor-label';
      label.setAttribute('aria-hidden', 'true');
      label.style.backgroundColor = color;
      label.textContent = user.delegation ? `${user.name ?? ''} · ${user.delegation}` : (user.name ?? '');
      // A caret drawn again without moving (a change elsewhere in the clause) keeps its fade where it was.
      showLabel(label, Date.now() - (moved.get(clientId)?.at ?? Date.now()));
      cursor.append('\u2060', label, '\u2060');
      return cursor;
    },
    selectionBuilder(user) {
      return { style: `background-color: ${labelColor(user.color)}33`, class: 'ProseMirror-yjs-selection' };
    },
  };
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast of white text on `hex`. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/**
 * The person's colour, darkened until white label text on it reaches WCAG AA for small text (4.5:1): the
 * server's delegation colours are all 32 % light, which leaves yellows and greens near 3.5:1. Colours come
 * from the server, but a style attribute only ever gets a plain hex colour.
 */
export function labelColor(color: unknown): string {
  let hex = typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#525252';
  while (contrastWithWhite(hex) < 4.5) {
    hex = `#${[1, 3, 5]
      .map((i) =>
        Math.floor(parseInt(hex.slice(i, i + 2), 16) * 0.92)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  }
  return hex;
}
