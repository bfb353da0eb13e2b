import { TYPING_WINDOW_MS, UNFINISHED_KINDS, type UnfinishedItem } from '../../shared/domain/unfinished.js';
import { sendAcknowledged, type Acknowledgeable } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { h, replaceChildren, type Child } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { delegationName, errorText, subjectLabel, type VotingData } from './votingCommon.js';

/** A list of unfinished work the server gave, as the console holds it while the chair reads it. */
export interface AcknowledgementState {
  items: UnfinishedItem[];
  /** Something the list depends on changed since the server drew it (a status, an amendment, a vote). */
  stale: boolean;
  /** The chair confirmed and the server listed something they had not read: this is the new list. */
  relisted: boolean;
}

export interface AcknowledgementOptions {
  /** The section's id; its heading is `<id>-title` and takes the focus when the list appears. */
  id: string;
  title: string;
  confirmLabel: string;
  state: AcknowledgementState;
  data: VotingData;
  actions: Actions;
  /** The action of the confirming button. */
  action: string;
  /** The second press: the same request, acknowledged (see `sendAcknowledged`). */
  confirm(send: Sender): Promise<unknown>;
  cancel(): void;
}

/** One unfinished item, in words, with a link to where it is (opened beside the console). */
function itemLine(item: UnfinishedItem, data: VotingData): Child[] {
  const enc = encodeURIComponent(data.doc.id);
  const clauseLink = (clauseId: string, ref: string | null): Child =>
    ref
      ? h('a', { href: `/documents/${enc}#clause-${clauseId}`, target: '_blank', rel: 'noopener' }, ref)
      : t('voting:subject.deletedClause');
  switch (item.kind) {
    case 'bracketed':
      return [
        clauseLink(item.clauseId, item.ref),
        ': ',
        t('voting:acknowledge.item.bracketed', { count: item.passages }),
      ];
    case 'suggestions_pending':
      return [clauseLink(item.clauseId, item.ref), ': ', t('suggestions:acknowledge.item', { count: item.count })];
    case 'not_agreed':
      return [clauseLink(item.clauseId, item.ref), ': ', t(`document.status.${item.status}`)];
    case 'typing':
      return [
        clauseLink(item.clauseId, item.ref),
        ': ',
        t('voting:acknowledge.item.typing', { seconds: TYPING_WINDOW_MS / 1000 }),
      ];
    case 'amendment_undecided':
      return [
        h(
          'a',
          { href: `/documents/${enc}/compilation#amendment-${item.amendmentId}`, target: '_blank', rel: 'noopener' },
          t('voting:acknowledge.item.amendment', {
            delegation: delegationName(item.delegation, data.delegations),
            ref: item.ref ?? t('voting:subject.deletedClause'),
          }),
        ),
        ` (${t(`negotiation:amendments.status.${item.status}`)})`,
      ];
    case 'open_vote':
      return [
        h(
          'a',
          { href: `#live-${item.voteId}` },
          t('voting:acknowledge.item.vote', { subject: subjectLabel({ subject: item.subject }, data) }),
        ),
      ];
    case 'translation_unfinished':
      return translationLine(item, clauseLink);
  }
}

/**
 * A language version not ready: "Kazakh: 29 of 33 clauses current — 2 clauses missing (OP4, OP13), 1 stale
 * (PP8), 1 in draft (OP5)", each reference linked to its clause.
 */
function translationLine(
  item: Extract<UnfinishedItem, { kind: 'translation_unfinished' }>,
  clauseLink: (clauseId: string, ref: string | null) => Child,
): Child[] {
  const current = item.total - item.missing.length - item.stale.length - item.draft.length;
  const parts = (['missing', 'stale', 'draft'] as const)
    .filter((status) => item[status].length > 0)
    .map((status) => [
      t(`voting:acknowledge.item.translation.${status}`, { count: item[status].length }),
      ' (',
      item[status].flatMap((c, i) =>
        i === 0 ? [clauseLink(c.clauseId, c.ref)] : [', ', clauseLink(c.clauseId, c.ref)],
      ),
      ')',
    ]);
  return [
    t('voting:acknowledge.item.translation.coverage', {
      language: languageName(item.lang),
      current,
      total: item.total,
    }),
    ' — ',
    parts.flatMap((part, i) => (i === 0 ? [part] : [', ', part])),
  ];
}

/** A version's language as the reader's language names it ("Kazakh", "Казахский", "Қазақ тілі"), else its code. */
function languageName(code: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return name.charAt(0).toLocaleUpperCase(currentLanguage()) + name.slice(1);
}

/**
 * What the server says is unfinished before a vote on the whole text or an adoption without a vote, grouped
 * as it lists them (bracketed passages, clauses not agreed, undecided amendments, clauses being typed in,
 * other open votes), each named by its reference and linked to where the chair can see it; then the button
 * that sends the request again acknowledged, and one to go back.
 */
export function AcknowledgementList(o: AcknowledgementOptions): HTMLElement {
  const { items, stale, relisted } = o.state;
  const groups = UNFINISHED_KINDS.map((kind) => ({ kind, list: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.list.length,
  );
  return h(
    'section',
    { class: 'acknowledgement', id: o.id, 'aria-labelledby': `${o.id}-title`, 'data-items': items.length },
    h('h3', { id: `${o.id}-title`, tabindex: -1 }, o.title),
    h('p', null, t('voting:acknowledge.intro', { count: items.length })),
    relisted || stale
      ? h(
          'p',
          { class: 'ack-note', role: 'status' },
          t(relisted ? 'voting:acknowledge.relisted' : 'voting:acknowledge.stale'),
        )
      : null,
    groups.map((g) => [
      // A feature's own kinds are worded in its namespace (suggestion mode's in `suggestions`).
      h(
        'h4',
        null,
        t([`voting:acknowledge.kind.${g.kind}`, `suggestions:acknowledge.kind.${g.kind}`]),
        ` (${g.list.length})`,
      ),
      h(
        'ul',
        { class: 'ack-items' },
        g.list.map((item) =>
          h(
            'li',
            { 'data-kind': item.kind, ...('ref' in item && item.ref ? { 'data-ref': item.ref } : {}) },
            itemLine(item, o.data),
          ),
        ),
      ),
    ]),
    actionError(o.actions, o.action, errorText),
    h(
      'div',
      { class: 'button-row' },
      actionButton(
        o.actions,
        o.action,
        { id: `${o.id}-confirm`, class: 'primary' },
        o.confirmLabel,
        (send) => o.confirm(send),
        { about: ['stage'] },
      ),
      h('button', { type: 'button', id: `${o.id}-cancel`, onclick: () => o.cancel() }, t('voting:acknowledge.cancel')),
    ),
  );
}

/** Moves the focus to a list just shown, so a keyboard or screen reader user reads it next. */
export function focusList(id: string): void {
  requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus());
}

export interface HeldRequestOptions<B extends Acknowledgeable, R> {
  /** The list's id (see `AcknowledgementOptions.id`). */
  id: string;
  title: string;
  confirmLabel: string;
  actions: Actions;
  /** The action of the confirming button. */
  action: string;
  /** Sends the request with `body` by its route: again as it was held, then acknowledged. */
  send(send: Sender, body: B): Promise<R>;
  /** What the console knows now. */
  data(): VotingData;
  /** The server carried out the acknowledged request: its answer, and the request as it was held. */
  done(answer: R, held: { body: B; key: string }): void;
  /** The chair went back without sending: where the focus goes. */
  cancelled(): void;
}

/** A request held back, as sent, with the list the chair is reading. */
type Held<B> = AcknowledgementState & { body: B; key: string };

/**
 * A request the server held back as unfinished (a vote on the whole text, an adoption without a vote), with
 * the list the chair is reading, drawn in its own element: `hold` shows it, `textChanged` marks it as possibly
 * out of date, `drop` takes it away (the chair changed the request, or the request can no longer be made).
 */
export class HeldRequest<B extends Acknowledgeable, R> {
  readonly el = h('div');
  private held: Held<B> | null = null;

  constructor(private readonly o: HeldRequestOptions<B, R>) {}

  /** Whether a list is shown. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Shows the list the server gave for `body` and moves the focus to it. `key` is the caller's name for the request. */
  hold(body: B, items: AcknowledgementState['items'], key = ''): void {
    this.held = { body, key, items, stale: false, relisted: false };
    this.render();
    focusList(this.o.id);
  }

  drop(): void {
    if (!this.held) return;
    this.held = null;
    this.o.actions.clear(this.o.action);
    this.render();
  }

  /** What the list shows may have changed: it is checked again before it is acknowledged. */
  textChanged(): void {
    if (!this.held || this.held.stale) return;
    this.held = { ...this.held, stale: true, relisted: false };
    this.render();
  }

  private async confirm(send: Sender, shown: Held<B>): Promise<void> {
    const answer = await sendAcknowledged((body: B) => this.o.send(send, body), shown.body, shown.items);
    if ('relisted' in answer) {
      if (this.held === shown) this.held = { ...shown, items: answer.relisted, stale: false, relisted: true };
      this.render();
      focusList(this.o.id);
      return;
    }
    if (this.held === shown) this.held = null;
    this.render();
    this.o.done(answer.done, shown);
  }

  private render(): void {
    const shown = this.held;
    replaceChildren(
      this.el,
      shown
        ? AcknowledgementList({
            ...this.o,
            state: shown,
            data: this.o.data(),
            confirm: (send) => this.confirm(send, shown),
            cancel: () => {
              this.drop();
              this.o.cancelled();
            },
          })
        : null,
    );
  }
}
