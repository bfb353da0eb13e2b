import { TYPING_WINDOW_MS, UNFINISHED_KINDS, type UnfinishedItem } from '../../shared/domain/unfinished.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { h, type Child } from '../dom.js';
import { t } from '../i18n/index.js';
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

/**
 * What the server says is unfinished before a vote on the whole text or an adoption without a vote, grouped
 * as it lists them (bracketed passages, clauses not agreed, undecided amendments, clauses being typed in,
 * other open votes), each named by its reference and linked to where the chair can see it; then the button
 * that sends the request again acknowledged, and one to go back.
 */
export function AcknowledgementList(o: AcknowledgementOptions): HTMLElement {
  const { items, stale, relisted } = o.state;
  const enc = encodeURIComponent(o.data.doc.id);
  const clauseLink = (clauseId: string, ref: string | null): Child =>
    ref ? h('a', { href: `/documents/${enc}#clause-${clauseId}`, target: '_blank', rel: 'noopener' }, ref) : t('voting:subject.deletedClause');
  const line = (item: UnfinishedItem): Child[] => {
    switch (item.kind) {
      case 'bracketed':
        return [clauseLink(item.clauseId, item.ref), ': ', t('voting:acknowledge.item.bracketed', { count: item.passages })];
      case 'not_agreed':
        return [clauseLink(item.clauseId, item.ref), ': ', t(`document.status.${item.status}`)];
      case 'typing':
        return [clauseLink(item.clauseId, item.ref), ': ', t('voting:acknowledge.item.typing', { seconds: TYPING_WINDOW_MS / 1000 })];
      case 'amendment_undecided':
        return [
          h(
            'a',
            { href: `/documents/${enc}/compilation#amendment-${item.amendmentId}`, target: '_blank', rel: 'noopener' },
            t('voting:acknowledge.item.amendment', { delegation: delegationName(item.delegation, o.data.delegations), ref: item.ref ?? t('voting:subject.deletedClause') }),
          ),
          ` (${t(`negotiation:amendments.status.${item.status}`)})`,
        ];
      case 'open_vote':
        return [h('a', { href: `#live-${item.voteId}` }, t('voting:acknowledge.item.vote', { subject: subjectLabel({ subject: item.subject }, o.data) }))];
    }
  };
  const groups = UNFINISHED_KINDS.map((kind) => ({ kind, list: items.filter((i) => i.kind === kind) })).filter((g) => g.list.length);
  return h(
    'section',
    { class: 'acknowledgement', id: o.id, 'aria-labelledby': `${o.id}-title`, 'data-items': items.length },
    h('h3', { id: `${o.id}-title`, tabindex: -1 }, o.title),
    h('p', null, t('voting:acknowledge.intro', { count: items.length })),
    relisted || stale ? h('p', { class: 'ack-note', role: 'status' }, t(relisted ? 'voting:acknowledge.relisted' : 'voting:acknowledge.stale')) : null,
    groups.map((g) => [
      h('h4', null, t(`voting:acknowledge.kind.${g.kind}`), ` (${g.list.length})`),
      h(
        'ul',
        { class: 'ack-items' },
        g.list.map((item) => h('li', { 'data-kind': item.kind, ...('ref' in item && item.ref ? { 'data-ref': item.ref } : {}) }, line(item))),
      ),
    ]),
    actionError(o.actions, o.action, errorText),
    h(
      'div',
      { class: 'button-row' },
      actionButton(o.actions, o.action, { id: `${o.id}-confirm`, class: 'primary' }, o.confirmLabel, (send) => o.confirm(send), { about: ['stage'] }),
      h('button', { type: 'button', id: `${o.id}-cancel`, onclick: () => o.cancel() }, t('voting:acknowledge.cancel')),
    ),
  );
}

/** Moves the focus to a list just shown, so a keyboard or screen reader user reads it next. */
export function focusList(id: string): void {
  requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus());
}
