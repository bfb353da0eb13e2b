import type { WordDiff } from '../../shared/domain/wordDiff.js';
import { countryName } from '../../shared/domain/countries.js';
import { h } from '../dom.js';
import { Flag } from './flag.js';
import { currentLanguage, errorMessage, t } from '../i18n/index.js';

/** A string of the `negotiation` namespace. */
export function nt(key: string, options?: Record<string, unknown>): string {
  return t(`negotiation:${key}`, options as never) as unknown as string;
}

/** The message for an error: this feature's own ids first, then the common ones. */
export function negotiationError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  if (id) {
    const own = t(`negotiation:errors.${id}`, { defaultValue: '' }) as unknown as string;
    if (own) return own;
  }
  return errorMessage(error);
}

/**
 * A delegation as people read it: flag and code, an abbreviation whose title is the country's name (a tooltip,
 * and the description screen readers give; ARIA allows no label on an abbreviation).
 */
export function delegationTag(code: string): HTMLElement {
  const name = countryName(code, currentLanguage());
  return h('abbr', { class: 'delegation', title: name }, Flag(code));
}

/**
 * A word diff as text with `<del>` and `<ins>` runs (always text nodes: nothing in a proposal can become
 * markup). Screen readers hear "deleted"/"inserted" from the visually hidden prefixes.
 */
export function renderDiff(diff: WordDiff, className = 'word-diff'): HTMLElement {
  return h(
    'div',
    { class: className },
    diff.map((part) =>
      part.op === 'equal'
        ? part.text
        : h(
            part.op === 'insert' ? 'ins' : 'del',
            null,
            h('span', { class: 'visually-hidden' }, `${nt(part.op === 'insert' ? 'diff.inserted' : 'diff.deleted')} `),
            part.text,
          ),
    ),
  );
}

/** Plain text shown as paragraphs, one per line, never parsed as HTML. */
export function plainParagraphs(text: string, className = 'plain-text'): HTMLElement {
  return h(
    'div',
    { class: className },
    text.split('\n').map((line) => h('p', null, line)),
  );
}

/** A live region for the result of an action (errors as alerts). */
export function statusLine(): {
  el: HTMLElement;
  ok(message: string): void;
  fail(error: unknown): void;
  clear(): void;
} {
  const el = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  return {
    el,
    ok(message) {
      el.classList.remove('form-error');
      el.textContent = message;
    },
    fail(error) {
      el.classList.add('form-error');
      el.textContent = negotiationError(error);
    },
    clear() {
      el.textContent = '';
    },
  };
}
