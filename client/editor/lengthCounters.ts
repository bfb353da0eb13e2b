import type { TextLimits } from '../../shared/domain/limits.js';
import { h } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import type { TextRefusal } from './textLimit.js';

export interface LengthCountersOptions {
  limits: TextLimits;
  /** Where a clause's counter goes (its element on the page). */
  rootOf(clauseId: string): HTMLElement;
  /** A clause's counter appeared or went: its editor describes itself again. */
  shownChanged(clauseId: string): void;
}

/**
 * The clauses' lengths against the text limits in force on the server, and a counter under a clause from 90 %
 * of its limit on. The editors ask it what the rest of the document holds, and say what it refused.
 */
export class LengthCounters {
  private readonly lengths = new Map<string, number>();
  private readonly counters = new Map<string, HTMLElement>();
  private formatter: Intl.NumberFormat | undefined;

  constructor(private readonly o: LengthCountersOptions) {}

  /**
   * Numbers in the reader's language, made when a counter first shows: the first `Intl.NumberFormat` of a page
   * loads the locale's data, a tenth of a second on a slow laptop, which a page far from every limit never needs.
   */
  private get number(): Intl.NumberFormat {
    return (this.formatter ??= new Intl.NumberFormat(currentLanguage()));
  }

  /** A clause's length now. */
  show(clauseId: string, length: number): void {
    const { clauseChars } = this.o.limits;
    this.lengths.set(clauseId, length);
    const near = length >= clauseChars * 0.9;
    if (!near && !this.counters.has(clauseId)) return;
    const counter = this.counterOf(clauseId);
    const shown = !counter.hidden;
    counter.hidden = !near;
    counter.textContent = t('collab:counter', {
      count: this.number.format(length),
      limit: this.number.format(clauseChars),
    });
    counter.classList.toggle('is-full', length >= clauseChars);
    if (shown !== near) this.o.shownChanged(clauseId);
  }

  /** What the other clauses hold, for the document's limit. */
  othersLength(clauseId: string): number {
    let sum = 0;
    for (const [id, length] of this.lengths) if (id !== clauseId) sum += length;
    return sum;
  }

  /** The id of a clause's counter while it shows, for its editor's description. */
  describedBy(clauseId: string): string | null {
    return this.counters.get(clauseId)?.hidden === false ? `counter-${clauseId}` : null;
  }

  /** A paste or a keystroke the editor did not take for the limits, in words. */
  refusal(ref: string, refusal: TextRefusal): string {
    return t(`collab:limit.${refusal.how}.${refusal.limit}`, {
      ref,
      count: this.number.format(refusal.wouldHold),
      limit: this.number.format(refusal.max),
    });
  }

  destroy(): void {
    for (const counter of this.counters.values()) counter.remove();
  }

  private counterOf(clauseId: string): HTMLElement {
    let counter = this.counters.get(clauseId);
    if (!counter) {
      counter = h('p', { class: 'clause-counter', id: `counter-${clauseId}`, hidden: true });
      this.o.rootOf(clauseId).append(counter);
      this.counters.set(clauseId, counter);
    }
    return counter;
  }
}
