import type { FloorJson } from '../../shared/api/floor.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { clockOffset, newerFloor } from '../api/floor.js';
import { onDocumentEvents, onMissedEvents } from './documentEvents.js';

/**
 * The floor of one document as a page follows it: read once, then every `floor:changed` event and every answer
 * of the chair's or the delegation's actions (`accept`), the newest kept (`newerFloor`). For a page that already
 * follows the document's events; `changed` is called after each change.
 */
export class FloorFeed {
  floor: FloorJson | null = null;
  /** How far the server's clock is ahead of this browser's, in ms (the speaker's clock runs on the server's). */
  private offset = 0;
  private readonly unlisten: () => void;
  private readonly unjoined: () => void;

  constructor(
    readonly documentId: string,
    private readonly changed: () => void,
  ) {
    this.unlisten = onDocumentEvents(documentId, { 'floor:changed': (e) => this.accept(e.floor) });
    // Read again when a change may have been missed: made between the first read and the join, or while the
    // connection was down (not on every arrival: a room of a thousand would read it twice).
    this.unjoined = onMissedEvents(documentId, () => void this.load());
  }

  /** Reads the floor; a failure leaves the floor unknown (null) and the page working. */
  async load(): Promise<void> {
    const floor = await call(ROUTES.floor, { params: { id: this.documentId } }).catch(() => null);
    if (floor) this.accept(floor);
  }

  accept(floor: FloorJson): void {
    const kept = newerFloor(this.floor, floor);
    if (kept === this.floor) return;
    this.floor = kept;
    this.offset = clockOffset(kept, Date.now());
    this.changed();
  }

  /** The server's clock now, in ms. */
  serverNow(): number {
    return Date.now() + this.offset;
  }

  destroy(): void {
    this.unlisten();
    this.unjoined();
  }
}
