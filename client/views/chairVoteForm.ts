import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { VOTE_RULES, isValidQuorum, type VoteRule } from '../../shared/domain/tally.js';
import { acknowledgementItems } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import {
  parseSubjectKey,
  subjectKey,
  unavailability,
  offeredSubjects,
  type SubjectContext,
  type VoteSubject,
} from '../api/voteSubjects.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import { HeldRequest } from './chairAcknowledgement.js';
import { errorText, ruleLabel, subjectLabel, type VotingData } from './votingCommon.js';

/** The action of the form's button. */
export const OPEN_VOTE = 'open-vote';
/** The action of the second button, which opens a vote on an unfinished whole text once acknowledged. */
export const OPEN_VOTE_ACKNOWLEDGED = 'open-vote-ack';

/** What opening a vote sends. */
type OpenVoteBody = RequestOf<typeof ROUTES.openVote>['body'];

export interface VoteFormOptions {
  actions: Actions;
  documentId: string;
  /** What the console knows now. */
  data(): VotingData;
  /** Whether votes may be opened at the document's stage. */
  votesOpenAtStage(): boolean;
  /** Called with the vote the server opened. */
  opened(vote: VoteJson, rule: VoteRule): void;
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
  return new VoteFormBox(o);
}

/** What the form shows when the chair presses: the request to send, or why it is refused before sending. */
type Reading =
  | { key: string; subject: VoteSubject; rule: VoteRule; share: number | undefined }
  | { refused: string; about?: string[] };

class VoteFormBox implements VoteForm {
  readonly el: HTMLElement;
  /** The label of the subject as the chair saw it when choosing it. */
  private chosenLabel = '';
  private shownOptions = '';
  /**
   * A vote on the whole text the server held back as unfinished, with the list the chair is reading. It goes
   * as soon as the form shows another request (subject, rule or quorum changed).
   */
  private readonly held: HeldRequest<OpenVoteBody, VoteJson>;
  private readonly select = h('select', { id: 'vote-subject', 'aria-describedby': 'vote-subject-error' });
  private readonly ruleInputs = VOTE_RULES.map((rule, i) =>
    h('input', {
      type: 'radio',
      name: 'vote-rule',
      value: rule,
      checked: i === 0,
      'aria-describedby': `rule-${rule}-explain`,
      onchange: () => this.held.drop(),
    }),
  );
  private readonly quorum = h('input', {
    id: 'vote-quorum',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    class: 'short',
    'aria-describedby': 'vote-quorum-hint',
  });
  private readonly rollCall = h('input', { id: 'vote-roll-call', type: 'checkbox' });
  private readonly submit: HTMLButtonElement;
  private readonly form: HTMLFormElement;
  private readonly closedNote = h('p', { class: 'hint', hidden: true });

  constructor(private readonly o: VoteFormOptions) {
    this.held = new HeldRequest<OpenVoteBody, VoteJson>({
      id: 'ack-vote',
      title: t('voting:acknowledge.titleVote'),
      confirmLabel: t('voting:acknowledge.confirmVote'),
      actions: o.actions,
      action: OPEN_VOTE_ACKNOWLEDGED,
      send: (send, body) => this.send(send, body),
      data: o.data,
      done: (vote, held) => this.opened(vote, held.key, held.body.rule),
      cancelled: () => this.submit.focus(),
    });
    this.select.addEventListener('change', () => {
      const subject = parseSubjectKey(this.select.value);
      this.chosenLabel = subject ? this.label(subject) : '';
      this.changed();
    });
    this.quorum.addEventListener('input', () => this.changed());
    this.submit = bindAction(
      o.actions,
      OPEN_VOTE,
      h('button', { type: 'submit', class: 'primary' }, t('voting:chair.open')),
    );
    this.form = this.buildForm();
    this.update();
    this.el = h('div', null, this.closedNote, this.form, this.held.el);
  }

  private buildForm(): HTMLFormElement {
    const error = actionError(this.o.actions, OPEN_VOTE, errorText);
    error.id = 'vote-subject-error';
    const rules = VOTE_RULES.map((rule, i) =>
      h(
        'label',
        { class: 'choice-option' },
        this.ruleInputs[i],
        ' ',
        ruleLabel(rule),
        h('span', { id: `rule-${rule}-explain`, class: 'hint' }, ` — ${t(`voting:rule.explain.${rule}`)}`),
      ),
    );
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      this.press();
    };
    return h(
      'form',
      { class: 'open-vote-form', onsubmit },
      h('div', { class: 'field' }, h('label', { for: 'vote-subject' }, t('voting:chair.subject')), this.select),
      h('fieldset', null, h('legend', null, t('voting:rule.label')), rules),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'vote-quorum' }, t('voting:quorum.label')),
        this.quorum,
        h('span', { id: 'vote-quorum-hint', class: 'hint' }, t('voting:quorum.hint')),
      ),
      h('label', { class: 'field check-field' }, this.rollCall, t('meeting:rollCall.label')),
      error,
      this.submit,
    );
  }

  /** The chair changed what the form would send: a list held for the earlier request goes. */
  private changed(): void {
    this.held.drop();
    this.o.actions.recheck();
  }

  private context(): SubjectContext {
    return { ...this.o.data(), votesOpenAtStage: this.o.votesOpenAtStage() };
  }

  private label(subject: VoteSubject): string {
    return subjectLabel(
      { subject: { type: subject.type, id: subject.type === 'document' ? this.o.data().doc.id : subject.id } },
      this.o.data(),
    );
  }

  /** What the chair sees, read now: the subject shown, the rule checked, the quorum typed. */
  private read(): Reading {
    const key = this.select.value;
    const subject = parseSubjectKey(key);
    if (!subject) return { refused: t('voting:chair.refused.none') };
    const now = this.label(subject);
    const why = unavailability(this.context(), subject);
    if (why) return { refused: t(`voting:chair.refused.${why}`, { subject: now }) };
    if (this.chosenLabel && this.chosenLabel !== now) {
      const before = this.chosenLabel;
      this.chosenLabel = now;
      this.update();
      return { refused: t('voting:chair.refused.changed', { subject: now, before }) };
    }
    const rule = this.ruleInputs.find((input) => input.checked)!.value as VoteRule;
    const typed = this.quorum.value.trim().replace(',', '.');
    const share = typed === '' ? undefined : Number(typed);
    if (share !== undefined && !isValidQuorum(share))
      return { refused: t('voting:quorum.invalid'), about: ['stage', 'quorum'] };
    const registered = this.o.data().delegations.length;
    if (share !== undefined && share > 1 && share > registered)
      return { refused: t('voting:quorum.tooMany', { count: registered }), about: ['stage', 'quorum'] };
    return { key, subject, rule, share };
  }

  private press(): void {
    if (this.o.actions.isBusy(OPEN_VOTE)) return;
    const reading = this.read();
    // A refusal decided here, before anything is sent: it stays until the chair changes what it was about.
    if ('refused' in reading)
      return this.o.actions.refuse(OPEN_VOTE, new Error(reading.refused), {
        about: reading.about ?? ['stage', 'subject'],
      });
    const { key, subject, rule, share } = reading;
    this.held.drop();
    void this.o.actions.run(
      OPEN_VOTE,
      async (send) => {
        const body: OpenVoteBody = {
          subject: subject.type === 'document' ? { type: 'document' } : subject,
          rule,
          ...(share === undefined ? {} : { quorum: share }),
          ...(this.rollCall.checked ? { rollCall: true } : {}),
        };
        let vote: VoteJson;
        try {
          vote = await this.send(send, body);
        } catch (error) {
          // An unfinished whole text: the chair reads what is unfinished before anything opens.
          const items = acknowledgementItems(error);
          if (!items) throw error;
          return this.held.hold(body, items, key);
        }
        this.opened(vote, key, rule);
      },
      { about: ['stage', 'subject'] },
    );
  }

  private send(send: Sender, body: OpenVoteBody): Promise<VoteJson> {
    return send.call(ROUTES.openVote, { params: { id: this.o.documentId }, body });
  }

  /** The vote is open: the next one needs its own subject; the rule and quorum stay for a series of votes. */
  private opened(vote: VoteJson, key: string, rule: VoteRule): void {
    if (this.select.value === key) {
      this.select.value = '';
      this.chosenLabel = '';
    }
    this.o.opened(vote, rule);
  }

  /** The subjects offered now; the chair's choice stays shown, marked, when it is no longer offered. */
  update(): void {
    this.renderOptions();
    const open = this.o.votesOpenAtStage();
    // A list held for a vote that can no longer open (adopted, a vote on the whole text opened) is gone.
    if (this.held.holding && unavailability(this.context(), { type: 'document' })) this.held.drop();
    this.form.hidden = !open;
    this.closedNote.hidden = open;
    this.closedNote.textContent = open
      ? ''
      : t(this.o.data().doc.stage === 'adopted' ? 'voting:chair.noVotesAdopted' : 'voting:chair.noVotesAtStage');
  }

  private renderOptions(): void {
    const chosen = this.select.value;
    const offered = offeredSubjects(this.context());
    const options = [
      h('option', { value: '' }, t('voting:chair.chooseSubject')),
      ...offered.map((s) => h('option', { value: subjectKey(s) }, this.optionLabel(s))),
    ];
    const subject = parseSubjectKey(chosen);
    if (subject && !offered.some((s) => subjectKey(s) === chosen)) {
      const why = unavailability(this.context(), subject) ?? 'gone';
      options.push(
        h(
          'option',
          { value: chosen, disabled: true },
          t('voting:chair.unavailable', { subject: this.label(subject), why: t(`voting:chair.why.${why}`) }),
        ),
      );
    }
    // Unchanged options are left alone: a list being read or opened is not rebuilt under the chair.
    const signature = options.map((option) => `${option.value}\t${option.textContent}\t${option.disabled}`).join('\n');
    if (signature !== this.shownOptions) {
      this.shownOptions = signature;
      replaceChildren(this.select, options);
      this.select.value = chosen;
    }
  }

  /** Amendments that would read alike are told apart by their kind and, still alike, by their order. */
  private optionLabel(subject: VoteSubject): string {
    if (subject.type === 'document') return t('voting:subject.document');
    if (subject.type === 'clause') return this.label(subject);
    const data = this.o.data();
    const amendment = data.amendments.find((a) => a.id === subject.id)!;
    const text = `${this.label(subject)} — ${t(`voting:chair.amendmentKind.${amendment.kind}`)}`;
    const alike = data.amendments.filter(
      (a) =>
        a.status === 'submitted' &&
        a.clauseId === amendment.clauseId &&
        a.delegation === amendment.delegation &&
        a.kind === amendment.kind,
    );
    return alike.length > 1 ? `${text} (${alike.indexOf(amendment) + 1})` : text;
  }

  textChanged(): void {
    this.held.textChanged();
  }

  choose(subject: VoteSubject): void {
    if (unavailability(this.context(), subject)) return;
    this.select.value = subjectKey(subject);
    this.chosenLabel = this.label(subject);
    this.o.actions.recheck();
    this.select.focus();
  }

  situation(topic: string): unknown {
    if (topic === 'subject') return this.select.value;
    if (topic === 'quorum') return this.quorum.value;
    return undefined;
  }
}
