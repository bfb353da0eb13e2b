import {
  ALTERNATIVES_MAX,
  alternativeLabel,
  type AlternativeInput,
  type BracketJson,
} from '../../shared/api/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
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

interface Row {
  text: string;
  sponsors: string;
}

/** Sponsors as typed ("kaz, FRA deu") → codes, or null when one is not a three-letter code. */
export function parseSponsors(typed: string): string[] | null {
  const codes = typed
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  return codes.every((c) => /^[A-Z]{3}$/.test(c)) ? [...new Set(codes)] : null;
}

/** The rows as the request's alternatives, or the key of what is wrong with them. */
export function alternativesOf(rows: readonly Row[]): AlternativeInput[] | string {
  const filled = rows.filter((r) => r.text.trim());
  if (filled.length < 2) return 'form.needTwo';
  const out: AlternativeInput[] = [];
  for (const r of filled) {
    const sponsors = parseSponsors(r.sponsors);
    if (!sponsors) return 'form.invalidSponsors';
    out.push({ text: r.text.trim(), ...(sponsors.length ? { sponsors } : {}) });
  }
  return out;
}

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

/** Two or more alternatives, each its words and who proposes it; rows kept in the drafts across re-renders. */
export function alternativesForm(o: AlternativesFormOptions): HTMLElement {
  const saved = o.drafts.get(`${o.key}-rows`);
  const rows: Row[] = saved ? (JSON.parse(saved) as Row[]) : o.initial.map((r) => ({ ...r }));
  const keep = (): void => o.drafts.set(`${o.key}-rows`, JSON.stringify(rows));
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const list = h('ol', { class: 'alternative-rows' });
  const draw = (): void => {
    list.replaceChildren(
      ...rows.map((row, i) => {
        const label = alternativeLabel(i);
        const text = h('input', {
          id: `${o.key}-text-${i}`,
          type: 'text',
          class: 'alternative-text-input',
          value: row.text,
          oninput: () => ((row.text = text.value), keep()),
        }) as HTMLInputElement;
        const sponsors = h('input', {
          id: `${o.key}-sponsors-${i}`,
          type: 'text',
          class: 'alternative-sponsors-input',
          value: row.sponsors,
          autocapitalize: 'characters',
          oninput: () => ((row.sponsors = sponsors.value), keep()),
        }) as HTMLInputElement;
        return h(
          'li',
          { 'data-label': label },
          h('div', { class: 'field' }, h('label', { for: text.id }, bt('form.text', { label })), text),
          h('div', { class: 'field' }, h('label', { for: sponsors.id }, bt('form.sponsors', { label })), sponsors),
          rows.length > 2
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    rows.splice(i, 1);
                    keep();
                    draw();
                    document.getElementById(`${o.key}-text-${Math.max(0, i - 1)}`)?.focus();
                  },
                },
                bt('form.remove', { label }),
              )
            : null,
        );
      }),
    );
  };
  draw();
  const add = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        if (rows.length >= ALTERNATIVES_MAX) return;
        rows.push({ text: '', sponsors: '' });
        keep();
        draw();
        document.getElementById(`${o.key}-text-${rows.length - 1}`)?.focus();
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

/** The panel's brackets box: the selected words with "Bracket these words" and "Offer alternatives", or the form. */
export function bracketPanel(o: BracketPanelOptions): HTMLElement | null {
  const key = o.editing ? `bracket-edit-${o.editing.id}` : `bracket-offer-${o.clauseId}`;
  const action = o.editing ? `bracket-alternatives:${o.editing.id}` : `bracket-place:${o.clauseId}`;
  const finish = (bracket: BracketJson): void => {
    o.drafts.delete(`${key}-rows`);
    o.drafts.delete(`${key}-open`);
    o.placed(bracket);
  };
  const place = (alternatives?: AlternativeInput[]): void => {
    const selection = o.selection!;
    void o.actions.run(action, async (send) => {
      const span = await o.anchors.anchor(selection);
      if (!span) throw Object.assign(new Error('span_invalid'), { id: 'span_invalid' });
      const body = { clauseId: o.clauseId, span, ...(alternatives ? { alternatives } : {}) };
      finish(await send.call(ROUTES.createBracket, { params: { id: o.documentId }, body }));
    });
  };
  if (o.editing) {
    const b = o.editing;
    return h(
      'section',
      { class: 'bracket-panel', 'aria-labelledby': `${key}-heading` },
      h('h3', { id: `${key}-heading` }, bt('place.heading')),
      alternativesForm({
        key,
        action,
        actions: o.actions,
        drafts: o.drafts,
        quote: b.currentQuote || b.quote,
        initial: b.alternatives.length
          ? b.alternatives.map((a) => ({ text: a.text, sponsors: a.sponsors.join(' ') }))
          : [
              { text: b.currentQuote || b.quote, sponsors: '' },
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
  if (!o.selection) return null;
  const offering = o.drafts.get(`${key}-open`) === '1';
  return h(
    'section',
    { class: 'bracket-panel', 'aria-labelledby': `${key}-heading` },
    h('h3', { id: `${key}-heading` }, bt('place.heading')),
    h(
      'p',
      { class: 'span-quote' },
      h('span', { class: 'label' }, bt('place.quote')),
      ' ',
      h('q', null, o.selection.quote),
    ),
    offering
      ? alternativesForm({
          key,
          action,
          actions: o.actions,
          drafts: o.drafts,
          quote: o.selection.quote,
          initial: [
            { text: o.selection.quote, sponsors: '' },
            { text: '', sponsors: '' },
          ],
          submitLabel: bt('form.submit'),
          send: (alternatives) => place(alternatives),
          cancel: () => {
            o.drafts.delete(`${key}-open`);
            o.drafts.delete(`${key}-rows`);
            o.render();
          },
        })
      : h(
          'div',
          { class: 'form-row' },
          bindAction(
            o.actions,
            action,
            h(
              'button',
              { type: 'button', id: `${key}-bracket`, onmousedown: keepSelection, onclick: () => place() },
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
        ),
    offering ? null : actionError(o.actions, action, bracketError),
  );
}
