import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { furthestFirst } from '../../shared/domain/voteOrder.js';
import type { Actions } from '../api/actions.js';
import { unavailability, type VoteSubject } from '../api/voteSubjects.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { CountryFlag } from '../components/flag.js';
import { t } from '../i18n/index.js';
import { excerpt } from './chairNow.js';
import { delegationName, errorText, type VotingData } from './votingCommon.js';

export interface AgendaProps {
  data: VotingData;
  actions: Actions;
  documentId: string;
  /** Whether votes may be opened at the document's stage. */
  votesOpenAtStage: boolean;
  /** Puts a subject in the vote form. */
  choose(subject: VoteSubject): void;
  /** The server's answer to "discuss now". */
  discussed(now: VotingData['now']): void;
}

/**
 * The chair's agenda: the clauses in order, each with "discuss now" and, where a vote on it may be opened now,
 * "open vote" (which fills the form, nothing more); under each clause the amendments still to decide, furthest
 * from the original first. After adoption nothing is left to decide, and nothing is offered. Keyed by clause,
 * so a change to one leaves the others' elements (and the focus in them) alone.
 */
export function Agenda(props: AgendaProps) {
  const { data, actions } = props;
  const pending = pendingByClause(data);
  return (
    <section class="panel agenda" aria-labelledby="chair-agenda">
      <h2 id="chair-agenda">{t('voting:chair.agenda')}</h2>
      <p class="hint">{t('voting:chair.agendaHint')}</p>
      {data.now.clauseId ? (
        <p>
          <DiscussButton {...props} clauseId={null} id="discuss-clear" class="link">
            {t('voting:nowDiscussing.clear')}
          </DiscussButton>
        </p>
      ) : null}
      <ActionError actions={actions} names="now" format={errorText} />
      <ol class="agenda-list">
        {data.doc.clauses
          .filter((c) => c.kind !== 'title')
          .map((clause) => (
            <AgendaItem key={clause.id} {...props} clause={clause} amendments={pending.get(clause.id) ?? []} />
          ))}
      </ol>
    </section>
  );
}

/** "Discuss now" (or, for the current clause, pressed: "Under discussion", which clears it). */
function DiscussButton({
  actions,
  documentId,
  discussed,
  clauseId,
  children,
  ...attrs
}: AgendaProps & { clauseId: string | null; id: string; class?: string; pressed?: boolean; children: string }) {
  const press = (): void =>
    void actions.run(
      'now',
      async (send) =>
        discussed(await send.call(ROUTES.setNowDiscussing, { params: { id: documentId }, body: { clauseId } })),
      { about: ['now'] },
    );
  return (
    <ActionButton
      actions={actions}
      name="now"
      id={attrs.id}
      class={attrs.class}
      aria-pressed={attrs.pressed}
      onClick={press}
    >
      {children}
    </ActionButton>
  );
}

/** "Open vote" on a subject, where a vote on it may be opened now: it fills the form, nothing more. */
function ChooseButton({ props, subject, id }: { props: AgendaProps; subject: VoteSubject; id: string }) {
  if (unavailability({ ...props.data, votesOpenAtStage: props.votesOpenAtStage }, subject)) return null;
  return (
    <button type="button" id={id} onClick={() => props.choose(subject)}>
      {t('voting:chair.openVoteOn')}
    </button>
  );
}

function AgendaItem(props: AgendaProps & { clause: ClauseJson; amendments: AmendmentJson[] }) {
  const { clause, amendments, data } = props;
  const current = data.now.clauseId === clause.id;
  return (
    <li class={`agenda-item${current ? ' now' : ''}`} data-clause-id={clause.id}>
      <div class="agenda-head">
        <strong>{clause.ref}</strong>{' '}
        <span class={`badge status-${clause.status}`}>{t(`document.status.${clause.status}`)}</span>
      </div>
      <p class="agenda-text">{excerpt(clause.text, 160)}</p>
      <div class="button-row">
        <DiscussButton {...props} clauseId={current ? null : clause.id} id={`discuss-${clause.id}`} pressed={current}>
          {current ? t('voting:nowDiscussing.current') : t('voting:nowDiscussing.set')}
        </DiscussButton>
        <ChooseButton props={props} subject={{ type: 'clause', id: clause.id }} id={`choose-clause-${clause.id}`} />
      </div>
      {amendments.length ? (
        <ol class="agenda-amendments" aria-label={t('voting:chair.pendingAmendments', { count: amendments.length })}>
          {amendments.map((a) => (
            <AmendmentItem key={a.id} amendment={a} props={props} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** One pending amendment on the agenda: who proposes what, its co-sponsors, whether it is in a vote, and "open vote". */
function AmendmentItem({ amendment: a, props }: { amendment: AmendmentJson; props: AgendaProps }) {
  return (
    <li data-amendment-id={a.id}>
      <span>
        <CountryFlag code={a.delegation} />{' '}
        {t('voting:chair.amendmentBy', { delegation: delegationName(a.delegation, props.data.delegations) })}
        {` (${t(`voting:chair.amendmentKind.${a.kind}`)})`}
      </span>
      {a.cosponsors.length ? (
        <span class="hint">{` · ${t('voting:chair.cosponsors', { count: a.cosponsors.length })}`}</span>
      ) : null}
      {a.status === 'put_to_vote' ? (
        <>
          {' '}
          <span class="badge">{t('voting:chair.why.in_vote')}</span>
        </>
      ) : null}
      {a.textPlain ? <p class="agenda-text">{a.textPlain}</p> : null}
      <ChooseButton props={props} subject={{ type: 'amendment', id: a.id }} id={`choose-amendment-${a.id}`} />
    </li>
  );
}

/** Pending amendments per clause, furthest from the original first; none once the text is adopted. */
export function pendingByClause(data: VotingData): Map<string, AmendmentJson[]> {
  const map = new Map<string, AmendmentJson[]>();
  if (data.doc.stage === 'adopted') return map;
  for (const a of data.amendments) {
    if (a.status !== 'submitted' && a.status !== 'put_to_vote') continue;
    map.set(a.clauseId, [...(map.get(a.clauseId) ?? []), a]);
  }
  for (const [clauseId, list] of map)
    map.set(clauseId, furthestFirst(list.map((a) => ({ ...a, diff: a.diffCurrent ?? a.diff }))));
  return map;
}
