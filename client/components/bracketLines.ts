import type { BracketJson, ResolveBracketRequest } from '../../shared/api/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { actionButton, actionError } from './actionControls.js';
import { highlight } from './anchors.js';
import { delegationTag, negotiationError } from './negotiationKit.js';
import { refLabel } from '../i18n/clauseRefs.js';

/**
 * Brackets as readers see them, UN style: the bracketed words between square brackets, or the alternatives
 * offered for the place, "[Alt A 🇰🇿 KAZ: …] [Alt B: …]", each with its sponsoring delegations; and for the
 * secretariat the ways to resolve one (remove the brackets, delete the words, choose an alternative).
 */

/** A string of the `brackets` namespace. */
export function bt(key: string, options?: Record<string, unknown>): string {
  return t(`brackets:${key}`, options as never) as unknown as string;
}

/** The message for an error: the brackets' own words for an id first, then the negotiation's and the common ones. */
export function bracketError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  const own = id ? (t(`brackets:errors.${id}`, { defaultValue: '' }) as unknown as string) : '';
  return own || negotiationError(error);
}

/** The path of the document's list of open brackets. */
export function bracketsHref(documentId: string, clauseId?: string): string {
  return `/documents/${encodeURIComponent(documentId)}/brackets${clauseId ? `#clause-${clauseId}` : ''}`;
}

/** The bracket's words in UN style (square brackets drawn as text, so they read and copy as brackets). */
export function bracketWords(b: BracketJson): HTMLElement {
  const words = b.currentQuote || b.quote;
  if (!b.alternatives.length) return h('span', { class: 'bracket-words' }, `[${words}]`);
  return h(
    'span',
    { class: 'bracket-words alternatives' },
    b.alternatives.map((a, i) =>
      h(
        'span',
        { class: 'alternative', 'data-label': a.label },
        i > 0 ? ' ' : '',
        '[',
        h('b', { class: 'alternative-label' }, `Alt ${a.label}`),
        a.sponsors.map((code) => [' ', delegationTag(code)]),
        ': ',
        h('span', { class: 'alternative-text' }, a.text),
        ']',
      ),
    ),
  );
}

export interface BracketControls {
  documentId: string;
  actions: Actions;
  /** The secretariat may resolve brackets in this clause now (`bracket.resolve`). */
  canResolve: boolean;
  /** The reader may set the alternatives (`bracket.create`): "Alternatives…" opens the form for it. */
  onEdit?: (bracket: BracketJson) => void;
  /** Told of the bracket as the server answered a resolution. */
  resolved?: (bracket: BracketJson) => void;
}

/** The ways to resolve an open bracket, each one recorded action. */
function resolveButtons(b: BracketJson, o: BracketControls): HTMLElement[] {
  const action = `bracket:${b.id}`;
  const resolve = (label: string, body: ResolveBracketRequest, attrs: Record<string, string> = {}) =>
    actionButton(
      o.actions,
      action,
      { class: 'link resolve', 'data-resolution': body.resolution, ...attrs },
      label,
      async (send) => o.resolved?.(await send.call(ROUTES.resolveBracket, { params: { id: b.id }, body })),
    );
  const gone = b.range === null;
  const buttons: HTMLElement[] = [];
  if (o.canResolve) {
    if (!gone) {
      for (const a of b.alternatives) {
        buttons.push(
          resolve(
            bt('resolve.choose', { label: a.label }),
            { resolution: 'choose', label: a.label },
            { 'data-label': a.label, 'aria-label': bt('resolve.chooseLabel', { label: a.label, text: a.text }) },
          ),
        );
      }
      buttons.push(resolve(bt('resolve.delete'), { resolution: 'delete' }));
    }
    buttons.push(resolve(bt('resolve.remove'), { resolution: 'remove' }));
  }
  if (o.onEdit)
    buttons.push(h('button', { type: 'button', class: 'link edit', onclick: () => o.onEdit!(b) }, bt('resolve.edit')));
  return buttons;
}

/** One open bracket: its words UN style, a note when its words are gone, and the controls the reader has. */
export function bracketItem(b: BracketJson, o: BracketControls): HTMLElement {
  const buttons = b.status === 'open' ? resolveButtons(b, o) : [];
  return h(
    'li',
    { class: 'bracket', id: `bracket-${b.id}`, 'data-bracket-id': b.id, 'data-status': b.status },
    bracketWords(b),
    b.status === 'open' && b.range === null ? h('p', { class: 'hint' }, bt('line.gone')) : null,
    buttons.length ? h('span', { class: 'bracket-actions' }, buttons) : null,
    actionError(o.actions, `bracket:${b.id}`, bracketError),
  );
}

export interface ClauseBracketSlots {
  root: HTMLElement;
  body: HTMLElement;
  aside: HTMLElement;
  clause: { ref: string };
}

/**
 * Shows each clause's open brackets: the bracketed words marked in the text (the CSS Custom Highlight API,
 * which leaves the text and its editor alone), a link beside the clause to the document's list, and beneath
 * the text each bracket UN style with its controls. A clause whose brackets did not change keeps its
 * elements, and the focus in them.
 */
export function showBrackets(
  clauses: Map<string, ClauseBracketSlots>,
  brackets: readonly BracketJson[],
  controls: (clauseId: string) => BracketControls,
): void {
  for (const [clauseId, slots] of clauses) {
    const mine = brackets.filter((b) => b.clauseId === clauseId && b.status === 'open');
    const o = controls(clauseId);
    const key = JSON.stringify([mine, o.canResolve, !!o.onEdit]);
    const shown = slots.root.querySelector<HTMLElement>(':scope > .clause-brackets');
    if (shown?.dataset.key === key) continue;
    shown?.remove();
    slots.aside.querySelector(':scope > .bracket-link')?.remove();
    if (!mine.length) continue;
    slots.aside.append(
      h(
        'a',
        { class: 'badge bracket-link', href: bracketsHref(o.documentId, clauseId) },
        bt('clauseLink', { count: mine.length }),
      ),
    );
    const label = mine.some((b) => b.alternatives.length) ? 'line.alternatives' : 'line.label';
    slots.root.append(
      h(
        'div',
        { class: 'clause-brackets', 'data-key': key },
        h(
          'ul',
          { 'aria-label': bt(label, { ref: refLabel(slots.clause.ref) }) },
          mine.map((b) => bracketItem(b, o)),
        ),
      ),
    );
  }
  markBrackets(clauses, brackets);
}

/** Marks the open brackets' words in the clauses' text (again after the text's elements were replaced). */
export function markBrackets(clauses: Map<string, ClauseBracketSlots>, brackets: readonly BracketJson[]): void {
  const marked: { body: Element; range: [number, number] }[] = [];
  for (const b of brackets) {
    const body = clauses.get(b.clauseId)?.body;
    if (body && b.range && b.status === 'open') marked.push({ body, range: b.range });
  }
  highlight('accord-brackets', marked);
}
