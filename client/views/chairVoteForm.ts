import type { VoteView } from '../../shared/api/votes.js';
import { VOTE_RULES, isValidQuorum, type VoteRule } from '../../shared/domain/tally.js';
import { acknowledgementItems, sendAcknowledged } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import { parseSubjectKey, subjectKey, unavailability, offeredSubjects, type SubjectContext, type VoteSubject } from '../api/voteSubjects.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import { AcknowledgementList, focusList, type AcknowledgementState } from './chairAcknowledgement.js';
import { errorText, ruleLabel, subjectLabel, type VotingData } from './votingCommon.js';

/** The action of the form's button. */
export const OPEN_VOTE = 'open-vote';
/** The action of the second button, which opens a vote on an unfinished whole text once acknowledged. */
export const OPEN_VOTE_ACKNOWLEDGED = 'open-vote-ack';

export interface VoteFormOptions {
  actions: Actions;
  documentId: string;
  /** What the console knows now. */
  data(): VotingData;
  /** Whether votes may be opened at the document's stage. */
  votesOpenAtStage(): boolean;
  /** Called with the vote the server opened. */
  opened(vote: VoteView, rule: VoteRule): void;
}

export interface VoteForm {
  el: HTMLElement;
  /** Follows a change of what the console knows: the subjects offered, the stage. What the chair put in stays. */
  update(): void;
  /** Puts `subject` in the form (from the agenda) and moves the focus to it. */
  choose(subject: VoteSubject): void;
  /** Marks a list of unfinished work being read as possibly out of date: what it lists has changed. */
  textChanged(): void;
  /** The form's topics for errors: `subject` (the chair's choice), `quorum` (what they typed). */
  situation(topic: string): unknown;
}

/**
 * The chair's form to open a vote: subject, rule, quorum. Built once, so what the chair chose and typed stays
 * however often the room changes statuses and amendments meanwhile; only the list of subjects follows them.
 * No subject is chosen by default (a hurried second press must not open a vote on the whole text), and the
 * request is built from what the form shows when the chair presses: a subject that has gone or changed
 * meanwhile is refused with a message, never replaced by another.
 */
export function VoteForm(o: VoteFormOptions): VoteForm {
  /** The label of the subject as the chair saw it when choosing it. */
  let chosenLabel = '';
  /**
   * A vote on the whole text the server held back as unfinished: the request as sent, and the list the chair
   * is reading. It goes as soon as the form shows another request (subject, rule or quorum changed).
   */
  let pending: (AcknowledgementState & { body: Record<string, unknown>; key: string }) | null = null;
  const ackSlot = h('div');
  const path = `/api/documents/${encodeURIComponent(o.documentId)}/votes`;
  const context = (): SubjectContext => ({ ...o.data(), votesOpenAtStage: o.votesOpenAtStage() });
  const label = (subject: VoteSubject): string => subjectLabel({ subject: { type: subject.type, id: subject.type === 'document' ? o.data().doc.id : subject.id } }, o.data());

  const select = h('select', { id: 'vote-subject', 'aria-describedby': 'vote-subject-error' });
  select.addEventListener('change', () => {
    const subject = parseSubjectKey(select.value);
    chosenLabel = subject ? label(subject) : '';
    dropPending();
    o.actions.recheck();
  });
  const rules = VOTE_RULES.map((rule, i) =>
    h(
      'label',
      { class: 'choice-option' },
      h('input', { type: 'radio', name: 'vote-rule', value: rule, checked: i === 0, 'aria-describedby': `rule-${rule}-explain`, onchange: () => dropPending() }),
      ' ',
      ruleLabel(rule),
      h('span', { id: `rule-${rule}-explain`, class: 'hint' }, ` — ${t(`voting:rule.explain.${rule}`)}`),
    ),
  );
  const quorum = h('input', { id: 'vote-quorum', type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'short', 'aria-describedby': 'vote-quorum-hint' });
  quorum.addEventListener('input', () => {
    dropPending();
    o.actions.recheck();
  });
  const submit = bindAction(o.actions, OPEN_VOTE, h('button', { type: 'submit', class: 'primary' }, t('voting:chair.open')));
  const error = actionError(o.actions, OPEN_VOTE, errorText);
  error.id = 'vote-subject-error';
  const closedNote = h('p', { class: 'hint', hidden: true });

  /** A refusal decided here, before anything is sent: it stays until the chair changes what it was about. */
  const refuse = (message: string, about: string[] = ['stage', 'subject']): void => o.actions.refuse(OPEN_VOTE, new Error(message), { about });

  const press = (): void => {
    if (o.actions.isBusy(OPEN_VOTE)) return;
    // What the chair sees, read now: the subject shown, the rule checked, the quorum typed.
    const key = select.value;
    const subject = parseSubjectKey(key);
    if (!subject) return refuse(t('voting:chair.refused.none'));
    const now = label(subject);
    const why = unavailability(context(), subject);
    if (why) return refuse(t(`voting:chair.refused.${why}`, { subject: now }));
    if (chosenLabel && chosenLabel !== now) {
      const before = chosenLabel;
      chosenLabel = now;
      update();
      return refuse(t('voting:chair.refused.changed', { subject: now, before }));
    }
    const rule = (form.querySelector('input[name="vote-rule"]:checked') as HTMLInputElement).value as VoteRule;
    const typed = quorum.value.trim().replace(',', '.');
    const share = typed === '' ? undefined : Number(typed);
    if (share !== undefined && !isValidQuorum(share)) return refuse(t('voting:quorum.invalid'), ['stage', 'quorum']);
    const registered = o.data().delegations.length;
    if (share !== undefined && share > 1 && share > registered) return refuse(t('voting:quorum.tooMany', { count: registered }), ['stage', 'quorum']);
    dropPending();
    void o.actions.run(
      OPEN_VOTE,
      async (send) => {
        const body = { subject: subject.type === 'document' ? { type: 'document' } : subject, rule, ...(share === undefined ? {} : { quorum: share }) };
        let vote: VoteView;
        try {
          vote = await send.post<VoteView>(path, body);
        } catch (error) {
          // An unfinished whole text: the chair reads what is unfinished before anything opens.
          const items = acknowledgementItems(error);
          if (!items) throw error;
          pending = { body, key, items, stale: false, relisted: false };
          renderPending();
          focusList('ack-vote');
          return;
        }
        opened(vote, key, rule);
      },
      { about: ['stage', 'subject'] },
    );
  };

  /** The vote is open: the next one needs its own subject; the rule and quorum stay for a series of votes. */
  const opened = (vote: VoteView, key: string, rule: VoteRule): void => {
    if (select.value === key) {
      select.value = '';
      chosenLabel = '';
    }
    o.opened(vote, rule);
  };

  const dropPending = (): void => {
    if (!pending) return;
    pending = null;
    o.actions.clear(OPEN_VOTE_ACKNOWLEDGED);
    renderPending();
  };

  const renderPending = (): void => {
    const shown = pending;
    replaceChildren(
      ackSlot,
      shown
        ? AcknowledgementList({
            id: 'ack-vote',
            title: t('voting:acknowledge.titleVote'),
            confirmLabel: t('voting:acknowledge.confirmVote'),
            state: shown,
            data: o.data(),
            actions: o.actions,
            action: OPEN_VOTE_ACKNOWLEDGED,
            confirm: async (send) => {
              const answer = await sendAcknowledged<VoteView>(send, path, shown.body, shown.items);
              if ('relisted' in answer) {
                if (pending === shown) pending = { ...shown, items: answer.relisted, stale: false, relisted: true };
                renderPending();
                focusList('ack-vote');
                return;
              }
              if (pending === shown) pending = null;
              renderPending();
              opened(answer.done, shown.key, shown.body.rule as VoteRule);
            },
            cancel: () => {
              dropPending();
              submit.focus();
            },
          })
        : null,
    );
  };

  const form = h(
    'form',
    {
      class: 'open-vote-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        press();
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'vote-subject' }, t('voting:chair.subject')), select),
    h('fieldset', null, h('legend', null, t('voting:rule.label')), rules),
    h('div', { class: 'field' }, h('label', { for: 'vote-quorum' }, t('voting:quorum.label')), quorum, h('span', { id: 'vote-quorum-hint', class: 'hint' }, t('voting:quorum.hint'))),
    error,
    submit,
  );

  let shownOptions = '';
  /** The subjects offered now; the chair's choice stays shown, marked, when it is no longer offered. */
  const update = (): void => {
    const chosen = select.value;
    const offered = offeredSubjects(context());
    const options = [h('option', { value: '' }, t('voting:chair.chooseSubject')), ...offered.map((s) => h('option', { value: subjectKey(s) }, optionLabel(s)))];
    const subject = parseSubjectKey(chosen);
    if (subject && !offered.some((s) => subjectKey(s) === chosen)) {
      const why = unavailability(context(), subject) ?? 'gone';
      options.push(h('option', { value: chosen, disabled: true }, t('voting:chair.unavailable', { subject: label(subject), why: t(`voting:chair.why.${why}`) })));
    }
    // Unchanged options are left alone: a list being read or opened is not rebuilt under the chair.
    const signature = options.map((option) => `${option.value}\t${option.textContent}\t${option.disabled}`).join('\n');
    if (signature !== shownOptions) {
      shownOptions = signature;
      replaceChildren(select, options);
      select.value = chosen;
    }
    const open = o.votesOpenAtStage();
    // A list held for a vote that can no longer open (adopted, a vote on the whole text opened) is gone.
    if (pending && unavailability(context(), { type: 'document' })) dropPending();
    form.hidden = !open;
    closedNote.hidden = open;
    closedNote.textContent = open ? '' : t(o.data().doc.stage === 'adopted' ? 'voting:chair.noVotesAdopted' : 'voting:chair.noVotesAtStage');
  };

  /** Amendments that would read alike are told apart by their kind and, still alike, by their order. */
  const optionLabel = (subject: VoteSubject): string => {
    if (subject.type === 'document') return t('voting:subject.document');
    if (subject.type === 'clause') return label(subject);
    const amendment = o.data().amendments.find((a) => a.id === subject.id)!;
    const text = `${label(subject)} — ${t(`voting:chair.amendmentKind.${amendment.kind}`)}`;
    const alike = o.data().amendments.filter((a) => a.status === 'submitted' && a.clauseId === amendment.clauseId && a.delegation === amendment.delegation && a.kind === amendment.kind);
    return alike.length > 1 ? `${text} (${alike.indexOf(amendment) + 1})` : text;
  };

  update();
  return {
    el: h('div', null, closedNote, form, ackSlot),
    update,
    textChanged() {
      if (!pending || pending.stale) return;
      pending = { ...pending, stale: true, relisted: false };
      renderPending();
    },
    choose(subject) {
      if (unavailability(context(), subject)) return;
      select.value = subjectKey(subject);
      chosenLabel = label(subject);
      o.actions.recheck();
      select.focus();
    },
    situation(topic) {
      if (topic === 'subject') return select.value;
      if (topic === 'quorum') return quorum.value;
      return undefined;
    },
  };
}
