import { useState } from 'preact/hooks';
import type { RequestOf } from '../../shared/api/route.js';
import type { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from './actionHooks.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import type { DraftMap } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { KindChoice, RationaleField } from './negotiationParts.js';

/** What the form does with the selected words. */
export const SPAN_CHOICES = ['replace', 'insertBefore', 'insertAfter', 'delete'] as const;
export type SpanChoice = (typeof SPAN_CHOICES)[number];

type ProposeBody = RequestOf<typeof ROUTES.proposeAmendment>['body'];

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

export interface SpanFormProps {
  clauseId: string;
  delegation: string;
  selection: ClauseSelection;
  anchors: Pick<AnchorMaker, 'anchor'>;
  actions: Actions;
  /** Unsent texts by field id (kept drafts). */
  drafts: DraftMap;
  /** Sends the proposal as the action `action`. */
  send(action: string, body: ProposeBody): void;
}

/**
 * Turns the selection into a span of the live text and sends the proposal; `failed` is told when the page's
 * text no longer matches the live text there (select again).
 */
function sendSpan(
  o: SpanFormProps,
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
export function SpanProposeForm(o: SpanFormProps) {
  const key = `amend-span-${o.clauseId}`;
  const action = `propose-span:${o.clauseId}`;
  const quote = o.selection.quote;
  const [choice, setChoice] = useState<SpanChoice>(
    () => (o.drafts.get(`${key}-kind`) as SpanChoice | undefined) ?? 'replace',
  );
  const [words, setWords] = useState(() => o.drafts.get(`${key}-text`) ?? (choice === 'replace' ? quote : ''));
  const [rationale, setRationale] = useState(() => o.drafts.get(`${key}-rationale`) ?? '');
  const [failed, setFailed] = useState(false);
  const empty = choice !== 'delete' && (!words.trim() || (choice === 'replace' && words.trim() === quote));
  const keep = (field: string, set: (value: string) => void) => (value: string) => {
    o.drafts.set(`${key}${field}`, value);
    set(value);
  };
  const pick = (c: SpanChoice): void => {
    // An insertion starts from nothing, not from the words it goes beside.
    if (c !== 'replace' && words === quote) setWords('');
    setChoice(c);
    o.drafts.set(`${key}-kind`, c);
  };
  const onSubmit = (e: Event): void => {
    e.preventDefault();
    if (empty) return;
    setFailed(false);
    for (const suffix of ['-kind', '-text', '-rationale']) o.drafts.delete(key + suffix);
    sendSpan(o, action, choice, words, rationale, () => setFailed(true));
  };
  return (
    <form class="propose-form span-form" onSubmit={onSubmit}>
      <h3>{nt('amendments.span.title', { delegation: o.delegation })}</h3>
      <p class="span-quote">
        <span class="label">{nt('amendments.span.quote')}</span> <q>{quote}</q>
      </p>
      <KindChoice
        legend={nt('amendments.span.legend')}
        name={`${key}-kind`}
        kinds={SPAN_CHOICES}
        checked={choice}
        label={(c) => nt(`amendments.span.choice.${c}`)}
        pick={pick}
      />
      <div class="field" hidden={choice === 'delete'}>
        <label for={`${key}-text`}>{nt('amendments.span.words')}</label>
        <input
          id={`${key}-text`}
          type="text"
          class="span-words"
          value={words}
          onInput={(e) => keep('-text', setWords)(e.currentTarget.value)}
        />
      </div>
      <RationaleField id={`${key}-rationale`} value={rationale} type={keep('-rationale', setRationale)} />
      <div class="form-row">
        <ActionButton
          actions={o.actions}
          name={action}
          type="submit"
          id={`${key}-submit`}
          class="primary"
          disabled={empty}
        >
          {nt('amendments.submit')}
        </ActionButton>
      </div>
      <p class="error" role="alert" hidden={!failed}>
        {failed ? nt('errors.span_invalid') : ''}
      </p>
      <ActionError actions={o.actions} names={action} format={negotiationError} />
    </form>
  );
}
