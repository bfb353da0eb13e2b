import type { RollJson } from '../../shared/api/roll.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { onDocumentEvents, onMissedEvents } from './documentEvents.js';

/**
 * The meeting's roll of one document as a page follows it: read once, then each `roll:changed` event and each
 * answer of an action on it (`accept`). For a page that already follows the document's events.
 */
export class RollFeed {
  roll: RollJson | null = null;
  private readonly unlisten: () => void;
  private readonly unjoined: () => void;

  constructor(
    readonly documentId: string,
    private readonly changed: () => void,
  ) {
    this.unlisten = onDocumentEvents(documentId, { 'roll:changed': (e) => this.accept(e.roll) });
    // Read again when a change may have been missed: made between the first read and the join, or while the
    // connection was down (not on every arrival: a room of a thousand would read it twice).
    this.unjoined = onMissedEvents(documentId, () => void this.load());
  }

  /** Reads the roll; a failure leaves it unknown and the page working. */
  async load(): Promise<void> {
    const answer = await call(ROUTES.roll, { params: { id: this.documentId } }).catch(() => undefined);
    if (answer) {
      this.roll = answer.roll;
      this.changed();
    }
  }

  accept(roll: RollJson): void {
    this.roll = roll;
    this.changed();
  }

  /** Whether `delegation` is on the roll. */
  isPresent(delegation: string): boolean {
    return this.roll?.present.some((p) => p.delegation === delegation) ?? false;
  }

  destroy(): void {
    this.unlisten();
    this.unjoined();
  }
}
