import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AlternativeInput, BracketJson } from '../../shared/api/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import { ALTERNATIVES_MAX, alternativeLabel } from '../../shared/domain/brackets.js';
import type { Actions } from '../api/actions.js';
import { alternativesOf, type AlternativeRow as Row } from '../api/brackets.js';
import { ActionButton, ActionError } from './actionHooks.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { bracketError, bt } from './bracketLines.js';
import type { DraftMap } from './drafts.js';

/**
 * Placing brackets from the clause panel: the words a person selected in a clause are bracketed as they are,
 * or offered alternatives A, B… (each with the delegations proposing it); the same form sets the alternatives
 * of a bracket already placed. What is typed is kept in the page's drafts while the panel is drawn again.
 */

export interface AlternativesFormProps {
  /** Names the form's fields and its draft. */
  fieldKey: string;
  /** The action the form runs (its button is disabled while it runs, its error kept). */
  action: string;
  actions: Actions;
  drafts: DraftMap;
  quote: string;
  initial: Row[];
  submitLabel: string;
  /** Sends the alternatives. */
  send(alternatives: AlternativeInput[]): void;
  cancel(): void;
}

/** Two or more alternatives, each its words and who proposes it. */
export function AlternativesForm(o: AlternativesFormProps) {
  const key = o.fieldKey;
  const [rows, setRows] = useState<Row[]>(() => {
    const saved = o.drafts.get(`${key}-rows`);
    return saved ? (JSON.parse(saved) as Row[]) : o.initial.map((r) => ({ ...r }));
  });
  const [problem, setProblem] = useState('');
  // A row added or taken away: the focus goes to the row now in its place.
  const focus = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focus.current === null) return;
    document.getElementById(`${key}-text-${focus.current}`)?.focus();
    focus.current = null;
  });
  const change = (next: Row[], focusOn?: number): void => {
    o.drafts.set(`${key}-rows`, JSON.stringify(next));
    if (focusOn !== undefined) focus.current = focusOn;
    setRows(next);
  };
  const edit = (i: number, field: keyof Row, value: string): void =>
    change(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const onSubmit = (e: Event): void => {
    e.preventDefault();
    const alternatives = alternativesOf(rows);
    if (typeof alternatives === 'string') return setProblem(bt(alternatives));
    setProblem('');
    o.send(alternatives);
  };
  return (
    <form class="alternatives-form" onSubmit={onSubmit}>
      <fieldset>
        <legend>{bt('form.legend', { quote: o.quote })}</legend>
        <ol class="alternative-rows">
          {rows.map((row, i) => (
            <AlternativeFields
              key={i}
              fieldKey={key}
              row={row}
              i={i}
              edit={(field, value) => edit(i, field, value)}
              remove={
                rows.length > 2
                  ? () =>
                      change(
                        rows.filter((_, j) => j !== i),
                        Math.max(0, i - 1),
                      )
                  : undefined
              }
            />
          ))}
        </ol>
        <button
          type="button"
          class="link"
          onClick={() => rows.length < ALTERNATIVES_MAX && change([...rows, { text: '', sponsors: '' }], rows.length)}
        >
          {bt('form.add')}
        </button>
      </fieldset>
      <div class="form-row">
        <ActionButton actions={o.actions} name={o.action} type="submit" id={`${key}-submit`} class="primary">
          {o.submitLabel}
        </ActionButton>
        <button type="button" onClick={() => o.cancel()}>
          {bt('form.cancel')}
        </button>
      </div>
      <p class="error" role="alert" hidden={!problem}>
        {problem}
      </p>
      <ActionError actions={o.actions} names={o.action} format={bracketError} />
    </form>
  );
}

/** One alternative's fields: its words and who proposes it. */
function AlternativeFields({
  fieldKey: key,
  row,
  i,
  edit,
  remove,
}: {
  fieldKey: string;
  row: Row;
  i: number;
  edit(field: keyof Row, value: string): void;
  remove: (() => void) | undefined;
}) {
  const label = alternativeLabel(i);
  return (
    <li data-label={label}>
      <div class="field">
        <label for={`${key}-text-${i}`}>{bt('form.text', { label })}</label>
        <input
          id={`${key}-text-${i}`}
          type="text"
          class="alternative-text-input"
          value={row.text}
          onInput={(e) => edit('text', e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${key}-sponsors-${i}`}>{bt('form.sponsors', { label })}</label>
        <input
          id={`${key}-sponsors-${i}`}
          type="text"
          class="alternative-sponsors-input"
          value={row.sponsors}
          autocapitalize="characters"
          onInput={(e) => edit('sponsors', e.currentTarget.value)}
        />
      </div>
      {remove ? (
        <button type="button" class="link" onClick={remove}>
          {bt('form.remove', { label })}
        </button>
      ) : null}
    </li>
  );
}

/**
 * A press on a selection's button leaves the focus, and the selection, in the clause's editor (as its toolbar
 * does): the editor's blur would otherwise redraw the panel between the press and the release.
 */
const keepSelection = (event: MouseEvent): void => event.preventDefault();

export interface BracketPanelProps {
  documentId: string;
  clauseId: string;
  actions: Actions;
  drafts: DraftMap;
  anchors: Pick<AnchorMaker, 'anchor'>;
  /** The words selected in this clause, when the reader may bracket them. */
  selection: ClauseSelection | null;
  /** The clause's open bracket whose alternatives are being set, if any. */
  editing: BracketJson | null;
  /** Told of the bracket as the server answered; the selection is spent. */
  placed(bracket: BracketJson): void;
  /** Closes the form (the draft is dropped). */
  done(): void;
}

/** The panel's brackets box: the selected words with "Bracket these words" and "Offer alternatives", or the form. */
export function BracketPanel(o: BracketPanelProps) {
  const key = `bracket-offer-${o.clauseId}`;
  const action = `bracket-place:${o.clauseId}`;
  const [offering, setOffering] = useState(() => o.drafts.get(`${key}-open`) === '1');
  const focusFirst = useRef(false);
  useLayoutEffect(() => {
    if (!focusFirst.current) return;
    focusFirst.current = false;
    document.getElementById(`${key}-text-1`)?.focus();
  }, [offering]);
  const finish = (bracket: BracketJson): void => {
    for (const suffix of ['-rows', '-open']) o.drafts.delete(key + suffix);
    o.drafts.delete(`bracket-edit-${bracket.id}-rows`);
    setOffering(false);
    o.placed(bracket);
  };
  if (o.editing) return <EditAlternatives o={o} bracket={o.editing} finish={finish} />;
  const selection = o.selection;
  if (!selection) return null;
  const place = (alternatives?: AlternativeInput[]): void =>
    void o.actions.run(action, async (send) => {
      const span = await o.anchors.anchor(selection);
      if (!span) throw Object.assign(new Error('span_invalid'), { id: 'span_invalid' });
      const body = { clauseId: o.clauseId, span, ...(alternatives ? { alternatives } : {}) };
      finish(await send.call(ROUTES.createBracket, { params: { id: o.documentId }, body }));
    });
  const offer = (): void => {
    o.drafts.set(`${key}-open`, '1');
    focusFirst.current = true;
    setOffering(true);
  };
  return (
    <Section id={key}>
      <p class="span-quote">
        <span class="label">{bt('place.quote')}</span> <q>{selection.quote}</q>
      </p>
      {offering ? (
        <AlternativesForm
          fieldKey={key}
          action={action}
          actions={o.actions}
          drafts={o.drafts}
          quote={selection.quote}
          initial={[
            { text: selection.quote, sponsors: '' },
            { text: '', sponsors: '' },
          ]}
          submitLabel={bt('form.submit')}
          send={(alternatives) => place(alternatives)}
          cancel={() => {
            for (const suffix of ['-rows', '-open']) o.drafts.delete(key + suffix);
            setOffering(false);
          }}
        />
      ) : (
        <>
          <div class="form-row">
            <ActionButton
              actions={o.actions}
              name={action}
              id={`${key}-bracket`}
              onMouseDown={keepSelection}
              onClick={() => place()}
            >
              {bt('place.bracket')}
            </ActionButton>
            <button type="button" id={`${key}-offer`} onMouseDown={keepSelection} onClick={offer}>
              {bt('place.offer')}
            </button>
          </div>
          <ActionError actions={o.actions} names={action} format={bracketError} />
        </>
      )}
    </Section>
  );
}

/** The section around the box's content, headed "Brackets". */
function Section({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <section class="bracket-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{bt('place.heading')}</h3>
      {children}
    </section>
  );
}

/** Setting the alternatives of a bracket placed already (plain brackets start from their words and one more). */
function EditAlternatives({
  o,
  bracket: b,
  finish,
}: {
  o: BracketPanelProps;
  bracket: BracketJson;
  finish(bracket: BracketJson): void;
}) {
  const key = `bracket-edit-${b.id}`;
  const action = `bracket-alternatives:${b.id}`;
  const words = b.currentQuote || b.quote;
  return (
    <Section id={key}>
      <AlternativesForm
        fieldKey={key}
        action={action}
        actions={o.actions}
        drafts={o.drafts}
        quote={words}
        initial={
          b.alternatives.length
            ? b.alternatives.map((a) => ({ text: a.text, sponsors: a.sponsors.join(' ') }))
            : [
                { text: words, sponsors: '' },
                { text: '', sponsors: '' },
              ]
        }
        submitLabel={bt('form.save')}
        send={(alternatives) =>
          void o.actions.run(action, async (send) =>
            finish(await send.call(ROUTES.setAlternatives, { params: { id: b.id }, body: { alternatives } })),
          )
        }
        cancel={() => (o.drafts.delete(`${key}-rows`), o.done())}
      />
    </Section>
  );
}
