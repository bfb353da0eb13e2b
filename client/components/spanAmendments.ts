import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { RequestOf } from '../../shared/api/route.js';
import type { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import { actionError, bindAction } from './actionControls.js';
import { highlight, type AnchorMaker, type ClauseSelection } from './anchors.js';
import { delegationTag, negotiationError, nt } from './negotiationKit.js';
import type { DraftMap } from './drafts.js';

/**
 * Amendments on a span in the browser: the form that proposes one from the words a delegate selected, and
 * the tracked changes the pending ones show in their clause (the words struck in the text, and beneath it
 * the proposal: struck and underlined, with the proposing delegation).
 */

/** What the form does with the selected words. */
export const SPAN_CHOICES = ['replace', 'insertBefore', 'insertAfter', 'delete'] as const;
export type SpanChoice = (typeof SPAN_CHOICES)[number];

type ProposeBody = RequestOf<typeof ROUTES.proposeAmendment>['body'];

export interface SpanFormOptions {
  clauseId: string;
  delegation: string;
  selection: ClauseSelection;
  anchors: AnchorMaker;
  actions: Actions;
  /** Unsent texts by field id, kept across re-renders. */
  drafts: DraftMap;
  /** Sends the proposal as the action `action`; resolves once it is listed. */
  send(action: string, body: ProposeBody): void;
}

/** The selection narrowed to what `choice` changes: the words, or a caret before or after them. */
export function spanTarget(selection: ClauseSelection, choice: SpanChoice): ClauseSelection {
  if (choice === 'insertBefore') return { ...selection, end: selection.start, quote: '' };
  if (choice === 'insertAfter') return { ...selection, start: selection.end, quote: '' };
  return selection;
}

/** The words sent for `choice`: an insertion is kept apart from its neighbours by one space. */
export function spanWords(choice: SpanChoice, typed: string): string {
  const words = typed.trim();
  if (choice === 'insertBefore') return `${words} `;
  if (choice === 'insertAfter') return ` ${words}`;
  return words;
}

/** The four things to do with the selected words, one checked; `pick` is told the one the person checks. */
function choiceSet(key: string, checked: SpanChoice, pick: (c: SpanChoice) => void): HTMLElement {
  return h(
    'fieldset',
    { class: 'kinds' },
    h('legend', null, nt('amendments.span.legend')),
    SPAN_CHOICES.map((c) =>
      h(
        'label',
        null,
        h('input', { type: 'radio', name: `${key}-kind`, value: c, checked: c === checked, onchange: () => pick(c) }),
        ' ',
        nt(`amendments.span.choice.${c}`),
      ),
    ),
  );
}

/**
 * Turns the selection into a span of the live text and sends the proposal; `failed` is told when the page's
 * text no longer matches the live text there (select again).
 */
function sendSpan(
  o: SpanFormOptions,
  action: string,
  choice: SpanChoice,
  typed: string,
  rationale: string,
  failed: () => void,
): void {
  void o.anchors.anchor(spanTarget(o.selection, choice)).then((span) => {
    if (!span) return failed();
    o.send(action, {
      clauseId: o.clauseId,
      kind: choice === 'delete' ? 'delete' : 'replace',
      ...(choice === 'delete' ? {} : { text: spanWords(choice, typed) }),
      rationale,
      span,
    });
  }, failed);
}

/** The form proposing an amendment to exactly the selected words of the clause. */
export function spanProposeForm(o: SpanFormOptions): HTMLElement {
  const key = `amend-span-${o.clauseId}`;
  const action = `propose-span:${o.clauseId}`;
  let choice = (o.drafts.get(`${key}-kind`) as SpanChoice | undefined) ?? 'replace';
  const failure = h('p', { class: 'error', role: 'alert', hidden: true });
  const words = h('input', {
    id: `${key}-text`,
    type: 'text',
    class: 'span-words',
    value: o.drafts.get(`${key}-text`) ?? (choice === 'replace' ? o.selection.quote : ''),
    oninput: () => o.drafts.set(`${key}-text`, words.value),
  }) as HTMLInputElement;
  const wordsField = h('div', { class: 'field' }, h('label', { for: words.id }, nt('amendments.span.words')), words);
  const rationale = h('textarea', {
    id: `${key}-rationale`,
    rows: 3,
    required: true,
    value: o.drafts.get(`${key}-rationale`) ?? '',
    oninput: () => o.drafts.set(`${key}-rationale`, rationale.value),
  }) as HTMLTextAreaElement;
  const empty = (): boolean =>
    choice !== 'delete' && (!words.value.trim() || (choice === 'replace' && words.value.trim() === o.selection.quote));
  const submit = bindAction(
    o.actions,
    action,
    h('button', { type: 'submit', id: `${key}-submit`, class: 'primary' }, nt('amendments.submit')),
    empty,
  );
  const show = (): void => {
    wordsField.hidden = choice === 'delete';
    submit.disabled = empty() || o.actions.isBusy(action);
  };
  words.addEventListener('input', show);
  const choices = choiceSet(key, choice, (c) => {
    // An insertion starts from nothing, not from the words it goes beside.
    if (c !== 'replace' && words.value === o.selection.quote) words.value = '';
    choice = c;
    o.drafts.set(`${key}-kind`, c);
    show();
  });
  show();
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    if (empty()) return;
    failure.hidden = true;
    const typed = words.value;
    for (const suffix of ['-kind', '-text', '-rationale']) o.drafts.delete(key + suffix);
    sendSpan(o, action, choice, typed, rationale.value, () => {
      failure.textContent = nt('errors.span_invalid');
      failure.hidden = false;
    });
  };
  return h(
    'form',
    { class: 'propose-form span-form', onsubmit },
    h('h3', null, nt('amendments.span.title', { delegation: o.delegation })),
    h(
      'p',
      { class: 'span-quote' },
      h('span', { class: 'label' }, nt('amendments.span.quote')),
      ' ',
      h('q', null, o.selection.quote),
    ),
    choices,
    wordsField,
    h('div', { class: 'field' }, h('label', { for: rationale.id }, nt('amendments.rationale')), rationale),
    h('div', { class: 'form-row' }, submit),
    failure,
    actionError(o.actions, action, negotiationError),
  );
}

/** An amendment on a span as a tracked change: its words struck, the proposed ones underlined. */
export function spanChange(a: AmendmentJson): HTMLElement {
  const quote = a.span?.quote ?? '';
  const words = a.kind === 'delete' ? '' : (a.textPlain ?? '');
  return h(
    'span',
    { class: 'word-diff tracked-change' },
    quote ? h('del', null, h('span', { class: 'visually-hidden' }, `${nt('diff.deleted')} `), quote) : null,
    words ? h('ins', null, h('span', { class: 'visually-hidden' }, `${nt('diff.inserted')} `), words) : null,
  );
}

/** The pending amendments on a span of a clause whose words are still as proposed. */
function liveSpans(amendments: readonly AmendmentJson[], clauseId: string): AmendmentJson[] {
  return amendments.filter((a) => a.clauseId === clauseId && a.span?.range && isPending(a.status) && !a.stale);
}

/**
 * Shows each clause's pending amendments on a span as tracked changes: the words struck in the text (the CSS
 * Custom Highlight API leaves the text, and its editor, alone) and, beneath it (the clause's last child),
 * each proposal with its delegation.
 */
export function showTrackedChanges(
  clauses: Map<string, { root: HTMLElement; body: HTMLElement }>,
  amendments: readonly AmendmentJson[],
): void {
  const struck: { body: Element; range: [number, number] }[] = [];
  for (const [clauseId, slots] of clauses) {
    slots.root.querySelector(':scope > .tracked-changes')?.remove();
    const spans = liveSpans(amendments, clauseId);
    if (!spans.length) continue;
    for (const a of spans) if (a.span!.quote) struck.push({ body: slots.body, range: a.span!.range! });
    slots.root.append(
      h(
        'ul',
        { class: 'tracked-changes', 'aria-label': nt('amendments.span.tracked') },
        spans.map((a) =>
          h(
            'li',
            { 'data-amendment-id': a.id },
            delegationTag(a.delegation),
            ' ',
            h('span', { class: 'label' }, nt(`amendments.span.kindOf.${a.span!.action}`)),
            ' ',
            spanChange(a),
          ),
        ),
      ),
    );
  }
  highlight('accord-amendment-spans', struck);
}
