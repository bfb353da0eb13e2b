import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { VOTE_RULES, isValidQuorum, type VoteRule } from '../../shared/domain/tally.js';
import type { Actions, Situation } from '../api/actions.js';
import {
  offeredSubjects,
  parseSubjectKey,
  subjectKey,
  unavailability,
  type SubjectContext,
  type VoteSubject,
} from '../api/voteSubjects.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { Field } from '../components/system.js';
import { t } from '../i18n/index.js';
import { HeldList, useHoldableRequest, type HoldableRequest } from './chairAcknowledgement.js';
import { errorText, ruleLabel, subjectLabel, type VotingData } from './votingCommon.js';

/** The action of the form's button. */
export const OPEN_VOTE = 'open-vote';
/** The action of the second button, which opens a vote on an unfinished whole text once acknowledged. */
export const OPEN_VOTE_ACKNOWLEDGED = 'open-vote-ack';

/** What opening a vote sends. */
type OpenVoteBody = RequestOf<typeof ROUTES.openVote>['body'];

export interface VoteFormProps {
  actions: Actions;
  documentId: string;
  data: VotingData;
  /** Whether votes may be opened at the document's stage. */
  votesOpenAtStage: boolean;
  /** Moves when a list of unfinished work may have changed (see `ConsoleState.textVersion`). */
  textVersion: number;
  /** A subject the chair picked on the agenda or the current item (a new object each time): put in the form. */
  picked: { subject: VoteSubject } | null;
  /** Where the form answers for its topics of an error: `subject` (the chair's choice), `quorum` (what they typed). */
  topics: RefObject<Situation | null>;
  /** Called with the vote the server opened. */
  opened(vote: VoteJson, rule: VoteRule): void;
}

/** What the form shows when the chair presses: the request to send, or why it is refused before sending. */
type Reading =
  | { key: string; subject: VoteSubject; rule: VoteRule; share: number | undefined }
  | { refused: string; about?: string[] };

/** A subject's label as the chair sees it. */
const labelOf = (data: VotingData, subject: VoteSubject): string =>
  subjectLabel({ subject: { type: subject.type, id: subject.type === 'document' ? data.doc.id : subject.id } }, data);

/** The form's own state: the subject chosen (and its label when chosen), its fields, the list held. */
interface FormState {
  key: string;
  /** The subject's key and its label as the chair saw it when choosing it (read at the press). */
  chosen: { key: string; label: string };
  choose(key: string): void;
  quorum: RefObject<HTMLInputElement | null>;
  form: RefObject<HTMLFormElement | null>;
  context: SubjectContext;
  held: HoldableRequest<OpenVoteBody>;
  /** The vote is open: the next one needs its own subject; the rule and quorum stay for a series of votes. */
  afterOpen(vote: VoteJson, key: string, rule: VoteRule): void;
}

function useVoteForm(p: VoteFormProps): FormState {
  const { actions, data } = p;
  const [key, setKey] = useState('');
  const chosen = useRef({ key: '', label: '' });
  chosen.current.key = key;
  const quorum = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const context: SubjectContext = { ...data, votesOpenAtStage: p.votesOpenAtStage };
  const choose = (next: string): void => {
    const subject = parseSubjectKey(next);
    chosen.current.key = next;
    chosen.current.label = subject ? labelOf(data, subject) : '';
    setKey(next);
  };
  const afterOpen = (vote: VoteJson, opened: string, rule: VoteRule): void => {
    if (chosen.current.key === opened) choose('');
    p.opened(vote, rule);
  };
  const held = useHoldableRequest<OpenVoteBody, VoteJson>({
    id: 'ack-vote',
    actions,
    action: OPEN_VOTE_ACKNOWLEDGED,
    textVersion: p.textVersion,
    send: (send, body) => send.call(ROUTES.openVote, { params: { id: p.documentId }, body }),
    done: (vote, sent) => afterOpen(vote, sent.key, sent.body.rule),
  });
  p.topics.current = (topic) =>
    topic === 'subject' ? chosen.current.key : topic === 'quorum' ? (quorum.current?.value ?? '') : undefined;
  useEffect(() => actions.recheck(), [key]);
  useEffect(() => {
    const subject = p.picked?.subject;
    if (!subject || unavailability(context, subject)) return;
    choose(subjectKey(subject));
    document.getElementById('vote-subject')?.focus();
  }, [p.picked]);
  // A list held for a vote that can no longer open (adopted, a vote on the whole text opened) is gone.
  useEffect(() => {
    if (held.held && unavailability(context, { type: 'document' })) held.drop();
  }, [data, p.votesOpenAtStage]);
  return { key, chosen: chosen.current, choose, quorum, form, context, held, afterOpen };
}

/** What the chair sees, read now: the subject shown, the rule checked, the quorum typed. */
function readForm(f: FormState, data: VotingData): Reading {
  const subject = parseSubjectKey(f.chosen.key);
  if (!subject) return { refused: t('voting:chair.refused.none') };
  const now = labelOf(data, subject);
  const why = unavailability(f.context, subject);
  if (why) return { refused: t(`voting:chair.refused.${why}`, { subject: now }) };
  const before = f.chosen.label;
  if (before && before !== now) {
    f.chosen.label = now;
    return { refused: t('voting:chair.refused.changed', { subject: now, before }) };
  }
  const rule = new FormData(f.form.current!).get('vote-rule') as VoteRule;
  const typed = (f.quorum.current?.value ?? '').trim().replace(',', '.');
  const share = typed === '' ? undefined : Number(typed);
  if (share !== undefined && !isValidQuorum(share))
    return { refused: t('voting:quorum.invalid'), about: ['stage', 'quorum'] };
  const registered = data.delegations.length;
  if (share !== undefined && share > 1 && share > registered)
    return { refused: t('voting:quorum.tooMany', { count: registered }), about: ['stage', 'quorum'] };
  return { key: f.chosen.key, subject, rule, share };
}

/** The press: refused at once when what the form shows cannot be sent, else the request, held if unfinished. */
function openVote(p: VoteFormProps, f: FormState): void {
  const { actions } = p;
  if (actions.isBusy(OPEN_VOTE)) return;
  const reading = readForm(f, p.data);
  // A refusal decided here, before anything is sent: it stays until the chair changes what it was about.
  if ('refused' in reading)
    return actions.refuse(OPEN_VOTE, new Error(reading.refused), { about: reading.about ?? ['stage', 'subject'] });
  const rollCall = new FormData(f.form.current!).get('vote-roll-call') !== null;
  f.held.drop();
  const { subject, rule, share } = reading;
  const body: OpenVoteBody = {
    subject: subject.type === 'document' ? { type: 'document' } : subject,
    rule,
    ...(share === undefined ? {} : { quorum: share }),
    ...(rollCall ? { rollCall: true } : {}),
  };
  // An unfinished whole text: the chair reads what is unfinished before anything opens.
  void actions.run(OPEN_VOTE, (send) => f.held.request(send, body, reading.key), { about: ['stage', 'subject'] });
}

/**
 * The chair's form to open a vote: subject, rule, quorum. What the chair chose and typed stays however often
 * the room changes statuses and amendments meanwhile; only the list of subjects follows them. No subject is
 * chosen by default (a hurried second press must not open a vote on the whole text), and the request is built
 * from what the form shows when the chair presses: a subject that has gone or changed meanwhile is refused
 * with a message, never replaced by another.
 */
export function VoteForm(p: VoteFormProps) {
  const { actions, data } = p;
  const f = useVoteForm(p);
  const { held } = f;
  const press = (e: Event): void => {
    e.preventDefault();
    openVote(p, f);
  };
  const changed = (): void => {
    held.drop();
    actions.recheck();
  };
  // The form stays (hidden) where no vote may be opened: the rule and quorum chosen are there when it comes back.
  const open = p.votesOpenAtStage;
  return (
    <div>
      <p class="hint" hidden={open}>
        {open ? '' : t(data.doc.stage === 'adopted' ? 'voting:chair.noVotesAdopted' : 'voting:chair.noVotesAtStage')}
      </p>
      <form class="open-vote-form" ref={f.form} onSubmit={press} hidden={!open}>
        <div class="field">
          <label for="vote-subject">{t('voting:chair.subject')}</label>
          <select
            id="vote-subject"
            aria-describedby="vote-subject-error"
            value={f.key}
            onChange={(e) => {
              f.choose(e.currentTarget.value);
              held.drop();
            }}
          >
            <SubjectOptions data={data} context={f.context} chosen={f.key} />
          </select>
        </div>
        <RuleChoice changed={() => held.drop()} />
        <Field id="vote-quorum" label={t('voting:quorum.label')} hint={t('voting:quorum.hint')}>
          <input
            id="vote-quorum"
            ref={f.quorum}
            type="text"
            inputMode="decimal"
            autocomplete="off"
            class="short"
            aria-describedby="vote-quorum-hint"
            onInput={changed}
          />
        </Field>
        <label class="field check-field">
          <input id="vote-roll-call" name="vote-roll-call" type="checkbox" />
          {t('meeting:rollCall.label')}
        </label>
        <ActionError actions={actions} names={OPEN_VOTE} format={errorText} id="vote-subject-error" />
        <ActionButton actions={actions} name={OPEN_VOTE} type="submit" class="primary" id="open-vote-submit">
          {t('voting:chair.open')}
        </ActionButton>
      </form>
      <HeldList
        request={held}
        title={t('voting:acknowledge.titleVote')}
        confirmLabel={t('voting:acknowledge.confirmVote')}
        data={data}
        actions={actions}
        backTo="open-vote-submit"
      />
    </div>
  );
}

/** The rule: the first (a simple majority) checked at first; what the chair checks then stays. */
function RuleChoice({ changed }: { changed(): void }) {
  return (
    <fieldset>
      <legend>{t('voting:rule.label')}</legend>
      {VOTE_RULES.map((rule, i) => (
        <label key={rule} class="choice-option">
          <input
            type="radio"
            name="vote-rule"
            value={rule}
            defaultChecked={i === 0}
            aria-describedby={`rule-${rule}-explain`}
            onChange={changed}
          />{' '}
          {ruleLabel(rule)}
          <span id={`rule-${rule}-explain`} class="hint">{` — ${t(`voting:rule.explain.${rule}`)}`}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The subjects offered now; the chair's choice stays shown, marked, when it is no longer offered. */
function SubjectOptions({ data, context, chosen }: { data: VotingData; context: SubjectContext; chosen: string }) {
  const offered = offeredSubjects(context);
  const subject = parseSubjectKey(chosen);
  const gone = subject && !offered.some((s) => subjectKey(s) === chosen);
  return (
    <>
      <option value="">{t('voting:chair.chooseSubject')}</option>
      {offered.map((s) => (
        <option key={subjectKey(s)} value={subjectKey(s)}>
          {optionLabel(data, s)}
        </option>
      ))}
      {gone ? (
        <option key={`gone:${chosen}`} value={chosen} disabled>
          {t('voting:chair.unavailable', {
            subject: labelOf(data, subject),
            why: t(`voting:chair.why.${unavailability(context, subject) ?? 'gone'}`),
          })}
        </option>
      ) : null}
    </>
  );
}

/** Amendments that would read alike are told apart by their kind and, still alike, by their order. */
function optionLabel(data: VotingData, subject: VoteSubject): string {
  if (subject.type === 'document') return t('voting:subject.document');
  if (subject.type === 'clause') return labelOf(data, subject);
  const amendment = data.amendments.find((a) => a.id === subject.id)!;
  const text = `${labelOf(data, subject)} — ${t(`voting:chair.amendmentKind.${amendment.kind}`)}`;
  const alike = data.amendments.filter(
    (a) =>
      a.status === 'submitted' &&
      a.clauseId === amendment.clauseId &&
      a.delegation === amendment.delegation &&
      a.kind === amendment.kind,
  );
  return alike.length > 1 ? `${text} (${alike.indexOf(amendment) + 1})` : text;
}
