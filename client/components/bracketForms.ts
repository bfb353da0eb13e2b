import type { AlternativeInput, BracketJson } from '../../shared/api/brackets.js';
import { ALTERNATIVES_MAX, alternativeLabel } from '../../shared/domain/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { alternativesOf, type AlternativeRow as Row } from '../api/brackets.js';
import { h } from '../dom.js';
import { actionError, bindAction } from './actionControls.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { bracketError, bt } from './bracketLines.js';
import type { DraftMap } from './drafts.js';

/**
 * Placing brackets from the clause panel: the words a person selected in a clause are bracketed as they are,
 * or offered alternatives A, B… (each with the delegations proposing it); the same form sets the alternatives
 * of a bracket already placed.
 */

export interface AlternativesFormOptions {
  /** Names the form's fields and its draft. */
  key: string;
  /** The action the form runs (its button is disabled while it runs, its error kept). */
  action: string;
  actions: Actions;
  drafts: DraftMap;
  quote: string;
  initial: Row[];
  submitLabel: string;
  /** Sends the alternatives; resolves once the server has them. */
  send(alternatives: AlternativeInput[]): void;
  cancel(): void;
}

/** One alternative's fields: its words and who proposes it (typed into `row` as they are typed). */
function alternativeRow(key: string, row: Row, i: number, changed: () => void, remove?: () => void): HTMLElement {
  const label = alternativeLabel(i);
  const text = h('input', {
    id: `${key}-text-${i}`,
    type: 'text',
    class: 'alternative-text-input',
    value: row.text,
    oninput: () => ((row.text = text.value), changed()),
  }) as HTMLInputElement;
  const sponsors = h('input', {
    id: `${key}-sponsors-${i}`,
    type: 'text',
    class: 'alternative-sponsors-input',
    value: row.sponsors,
    autocapitalize: 'characters',
    oninput: () => ((row.sponsors = sponsors.value), changed()),
  }) as HTMLInputElement;
  return h(
    'li',
    { 'data-label': label },
    h('div', { class: 'field' }, h('label', { for: text.id }, bt('form.text', { label })), text),
    h('div', { class: 'field' }, h('label', { for: sponsors.id }, bt('form.sponsors', { label })), sponsors),
    remove ? h('button', { type: 'button', class: 'link', onclick: remove }, bt('form.remove', { label })) : null,
  );
}

/** Two or more alternatives, each its words and who proposes it; rows kept in the drafts across re-renders. */
export function alternativesForm(o: AlternativesFormOptions): HTMLElement {
  const saved = o.drafts.get(`${o.key}-rows`);
  const rows: Row[] = saved ? (JSON.parse(saved) as Row[]) : o.initial.map((r) => ({ ...r }));
  const keep = (): void => o.drafts.set(`${o.key}-rows`, JSON.stringify(rows));
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const list = h('ol', { class: 'alternative-rows' });
  // A row added or taken away: drawn again, the focus on the row now in its place.
  const redraw = (focus: number): void => {
    keep();
    draw();
    document.getElementById(`${o.key}-text-${focus}`)?.focus();
  };
  const draw = (): void =>
    list.replaceChildren(
      ...rows.map((row, i) =>
        alternativeRow(
          o.key,
          row,
          i,
          keep,
          rows.length > 2 ? () => (rows.splice(i, 1), redraw(Math.max(0, i - 1))) : undefined,
        ),
      ),
    );
  draw();
  const add = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        if (rows.length >= ALTERNATIVES_MAX) return;
        rows.push({ text: '', sponsors: '' });
        redraw(rows.length - 1);
      },
    },
    bt('form.add'),
  );
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    const alternatives = alternativesOf(rows);
    problem.hidden = typeof alternatives !== 'string';
    if (typeof alternatives === 'string') return void (problem.textContent = bt(alternatives));
    o.send(alternatives);
  };
  return h(
    'form',
    { class: 'alternatives-form', onsubmit },
    h('fieldset', null, h('legend', null, bt('form.legend', { quote: o.quote })), list, add),
    h(
      'div',
      { class: 'form-row' },
      bindAction(
        o.actions,
        o.action,
        h('button', { type: 'submit', id: `${o.key}-submit`, class: 'primary' }, o.submitLabel),
      ),
      h('button', { type: 'button', onclick: () => o.cancel() }, bt('form.cancel')),
    ),
    problem,
    actionError(o.actions, o.action, bracketError),
  );
}

/**
 * A press on a selection's button leaves the focus, and the selection, in the clause's editor (as its toolbar
 * does): the editor's blur would otherwise redraw the panel between the press and the release.
 */
const keepSelection = (event: MouseEvent): void => event.preventDefault();

export interface BracketPanelOptions {
  documentId: string;
  clauseId: string;
  actions: Actions;
  drafts: DraftMap;
  anchors: AnchorMaker;
  /** The words selected in this clause, when the reader may bracket them. */
  selection: ClauseSelection | null;
  /** The clause's open bracket whose alternatives are being set, if any. */
  editing: BracketJson | null;
  /** Told of the bracket as the server answered; the selection is spent. */
  placed(bracket: BracketJson): void;
  /** Closes the form (the draft is dropped). */
  done(): void;
  render(): void;
}

/** The section around the box's content, headed "Brackets". */
function section(key: string, ...content: (HTMLElement | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'bracket-panel', 'aria-labelledby': `${key}-heading` },
    h('h3', { id: `${key}-heading` }, bt('place.heading')),
    ...content,
  );
}

/** Setting the alternatives of a bracket placed already (plain brackets start from their words and one more). */
function editAlternatives(o: BracketPanelOptions, b: BracketJson, finish: (b: BracketJson) => void): HTMLElement {
  const key = `bracket-edit-${b.id}`;
  const action = `bracket-alternatives:${b.id}`;
  const words = b.currentQuote || b.quote;
  return section(
    key,
    alternativesForm({
      key,
      action,
      actions: o.actions,
      drafts: o.drafts,
      quote: words,
      initial: b.alternatives.length
        ? b.alternatives.map((a) => ({ text: a.text, sponsors: a.sponsors.join(' ') }))
        : [
            { text: words, sponsors: '' },
            { text: '', sponsors: '' },
          ],
      submitLabel: bt('form.save'),
      send: (alternatives) =>
        void o.actions.run(action, async (send) =>
          finish(await send.call(ROUTES.setAlternatives, { params: { id: b.id }, body: { alternatives } })),
        ),
      cancel: () => (o.drafts.delete(`${key}-rows`), o.done()),
    }),
  );
}

/** The selected words' two buttons: bracket them as they are, or open the form offering alternatives. */
function selectionButtons(o: BracketPanelOptions, key: string, action: string, place: () => void): HTMLElement {
  return h(
    'div',
    { class: 'form-row' },
    bindAction(
      o.actions,
      action,
      h(
        'button',
        { type: 'button', id: `${key}-bracket`, onmousedown: keepSelection, onclick: place },
        bt('place.bracket'),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        id: `${key}-offer`,
        onmousedown: keepSelection,
        onclick: () => {
          o.drafts.set(`${key}-open`, '1');
          o.render();
          document.getElementById(`${key}-text-1`)?.focus();
        },
      },
      bt('place.offer'),
    ),
  );
}

/** The panel's brackets box: the selected words with "Bracket these words" and "Offer alternatives", or the form. */
export function bracketPanel(o: BracketPanelOptions): HTMLElement | null {
  const key = `bracket-offer-${o.clauseId}`;
  const action = `bracket-place:${o.clauseId}`;
  const finish = (bracket: BracketJson): void => {
    for (const suffix of ['-rows', '-open']) o.drafts.delete(key + suffix);
    o.drafts.delete(`bracket-edit-${bracket.id}-rows`);
    o.placed(bracket);
  };
  if (o.editing) return editAlternatives(o, o.editing, finish);
  const selection = o.selection;
  if (!selection) return null;
  const place = (alternatives?: AlternativeInput[]): void =>
    void o.actions.run(action, async (send) => {
      const span = await o.anchors.anchor(selection);
      if (!span) throw Object.assign(new Error('span_invalid'), { id: 'span_invalid' });
      const body = { clauseId: o.clauseId, span, ...(alternatives ? { alternatives } : {}) };
      finish(await send.call(ROUTES.createBracket, { params: { id: o.documentId }, body }));
    });
  const offering = o.drafts.get(`${key}-open`) === '1';
  return section(
    key,
    h(
      'p',
      { class: 'span-quote' },
      h('span', { class: 'label' }, bt('place.quote')),
      ' ',
      h('q', null, selection.quote),
    ),
    offering
      ? alternativesForm({
          key,
          action,
          actions: o.actions,
          drafts: o.drafts,
          quote: selection.quote,
          initial: [
            { text: selection.quote, sponsors: '' },
            { text: '', sponsors: '' },
          ],
          submitLabel: bt('form.submit'),
          send: (alternatives) => place(alternatives),
          cancel: () => {
            for (const suffix of ['-rows', '-open']) o.drafts.delete(key + suffix);
            o.render();
          },
        })
      : selectionButtons(o, key, action, () => place()),
    offering ? null : actionError(o.actions, action, bracketError),
  );
}
