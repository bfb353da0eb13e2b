import type { TextLimits } from '../../shared/domain/limits.js';
import { currentLanguage, t } from '../i18n/index.js';
import type { TextRefusal } from './textLimit.js';

export interface LengthCountersOptions {
  limits: TextLimits;
  /** A clause's length from 90 % of its limit on (its counter shows), or null once it is below. */
  onCounter(clauseId: string, length: number | null): void;
  /** A clause's counter appeared or went: its editor describes itself again. */
  shownChanged(clauseId: string): void;
}

let formatter: { lang: string; format: Intl.NumberFormat } | undefined;

/**
 * Numbers in the reader's language, made when first needed: the first `Intl.NumberFormat` of a page loads the
 * locale's data, a tenth of a second on a slow laptop, which a page far from every limit never needs.
 */
function number(): Intl.NumberFormat {
  const lang = currentLanguage();
  if (formatter?.lang !== lang) formatter = { lang, format: new Intl.NumberFormat(lang) };
  return formatter.format;
}

/** A clause's counter in words: "18,250 / 20,000 characters". */
export function counterText(length: number, limit: number): string {
  return t('collab:counter', { count: number().format(length), limit: number().format(limit) });
}

/** The id of a clause's counter, which its editor names in `aria-describedby` while it shows. */
export const counterId = (clauseId: string): string => `counter-${clauseId}`;

/**
 * The clauses' lengths against the text limits in force on the server; a counter under a clause from 90 % of
 * its limit on. The editors ask it what the rest of the document holds, and say what it refused.
 */
export class LengthCounters {
  private readonly lengths = new Map<string, number>();
  private readonly near = new Set<string>();

  constructor(private readonly o: LengthCountersOptions) {}

  /** A clause's length now. */
  show(clauseId: string, length: number): void {
    this.lengths.set(clauseId, length);
    const near = length >= this.o.limits.clauseChars * 0.9;
    const shown = this.near.has(clauseId);
    if (!near && !shown) return;
    this.o.onCounter(clauseId, near ? length : null);
    if (near === shown) return;
    if (near) this.near.add(clauseId);
    else this.near.delete(clauseId);
    this.o.shownChanged(clauseId);
  }

  /** What the other clauses hold, for the document's limit. */
  othersLength(clauseId: string): number {
    let sum = 0;
    for (const [id, length] of this.lengths) if (id !== clauseId) sum += length;
    return sum;
  }

  /** The id of a clause's counter while it shows, for its editor's description. */
  describedBy(clauseId: string): string | null {
    return this.near.has(clauseId) ? counterId(clauseId) : null;
  }

  /** A paste or a keystroke the editor did not take for the limits, in words. */
  refusal(ref: string, refusal: TextRefusal): string {
    return t(`collab:limit.${refusal.how}.${refusal.limit}`, {
      ref,
      count: number().format(refusal.wouldHold),
      limit: number().format(refusal.max),
    });
  }
}
