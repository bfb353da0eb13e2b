import type { SilenceChanged, SilenceJson } from '../../shared/api/silence.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { onDocumentEvents, onMissedEvents } from './documentEvents.js';

/**
 * The silence procedure of one document as a page follows it: read once, then each `silence:changed` event
 * (`heard` is told of it, to announce it) and each answer of an action on it (`accept`). For a page that
 * already follows the document's events.
 */
export class SilenceFeed {
  silence: SilenceJson | null = null;
  private readonly unlisten: () => void;
  private readonly unjoined: () => void;

  constructor(
    readonly documentId: string,
    private readonly changed: () => void,
    heard: (event: SilenceChanged) => void = () => undefined,
  ) {
    this.unlisten = onDocumentEvents(documentId, {
      'silence:changed': (e) => {
        this.accept(e.silence);
        heard(e);
      },
    });
    // Read again when a change may have been missed: made between the first read and the join, or while the
    // connection was down (not on every arrival: a room of a thousand would read it twice).
    this.unjoined = onMissedEvents(documentId, () => void this.load());
  }

  /** Reads the procedure; a failure leaves it unknown and the page working. */
  async load(): Promise<void> {
    const answer = await call(ROUTES.silence, { params: { id: this.documentId } }).catch(() => undefined);
    if (answer) this.accept(answer.silence);
  }

  /** Takes a newer state of the procedure (an event and an action's answer may arrive in either order). */
  accept(silence: SilenceJson | null): void {
    const kept = keptSilence(this.silence, silence);
    if (kept === this.silence && kept !== silence) return;
    this.silence = kept;
    this.changed();
  }

  destroy(): void {
    this.unlisten();
    this.unjoined();
  }
}

/**
 * The procedure to keep of the one held and one arriving (an event and an action's answer may arrive in either
 * order): the held one when it says more of the same procedure, else the arriving one.
 */
export function keptSilence(held: SilenceJson | null, incoming: SilenceJson | null): SilenceJson | null {
  return held && incoming && held.id === incoming.id && newer(held, incoming) ? held : incoming;
}

/** Whether `held` says more than `incoming` of the same procedure: ended, or with more statements. */
function newer(held: SilenceJson, incoming: SilenceJson): boolean {
  if (held.status !== 'running' && incoming.status === 'running') return true;
  return held.breaks.length > incoming.breaks.length;
}

/** Time left until `deadline`, as h:mm:ss (hours past 24 counted on: "49:05:00"); "0:00:00" once passed. */
export function remainingText(deadline: string, now: number): string {
  const seconds = Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
