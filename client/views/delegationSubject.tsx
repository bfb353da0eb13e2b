import { Fragment } from 'preact';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { DelegationTag, Diff, Paragraphs } from '../components/negotiationParts.js';
import { t } from '../i18n/index.js';
import type { VotingData } from './votingCommon.js';

/**
 * What a vote decides, as a delegation reads it before casting its ballot: the clause's text as it stands, the
 * amendment's words struck and underlined (the shared word diff, against today's text when the clause has
 * changed since it was proposed) with its sponsors and rationale, or the whole text with a way to read it.
 */
export function VoteSubject({ vote, data }: { vote: Pick<VoteJson, 'id' | 'subject'>; data: VotingData }) {
  const titleId = `subject-${vote.id}`;
  return (
    <section class="ballot-subject" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('voting:delegation.onTheVote')}</h4>
      <SubjectBody vote={vote} data={data} />
    </section>
  );
}

function SubjectBody({ vote, data }: { vote: Pick<VoteJson, 'subject'>; data: VotingData }) {
  const { type, id } = vote.subject;
  if (type === 'document') {
    return (
      <p>
        {t('voting:delegation.wholeText')}{' '}
        <a href={`/documents/${encodeURIComponent(data.doc.id)}`}>{t('voting:delegation.readText')}</a>
      </p>
    );
  }
  if (type === 'clause') {
    const clause = data.doc.clauses.find((c) => c.id === id);
    if (!clause) return <p class="hint">{t('voting:subject.deletedClause')}</p>;
    return (
      <blockquote class="subject-text" data-ref={clause.ref}>
        <Paragraphs text={clause.text} />
      </blockquote>
    );
  }
  const amendment = data.amendments.find((a) => a.id === id);
  return amendment ? (
    <AmendmentBody amendment={amendment} />
  ) : (
    <p class="hint">{t('voting:delegation.subjectUnknown')}</p>
  );
}

/** The amendment: what it does, who sponsors it, its words struck and underlined, and why. */
function AmendmentBody({ amendment: a }: { amendment: AmendmentJson }) {
  const diff = a.stale && a.diffCurrent ? a.diffCurrent : a.diff;
  const ref = a.clauseRef ?? '—';
  return (
    <>
      <p class="subject-amendment">
        <strong>
          {a.span
            ? t(`negotiation:amendments.span.kindOfRef.${a.span.action}`, { ref })
            : t(`negotiation:amendments.kindOf.${a.kind}`, { ref })}
        </strong>
        {' · '}
        {t('negotiation:amendments.proposedBy')} <DelegationTag code={a.delegation} />
        {a.cosponsors.length ? (
          <>
            {', '}
            {t('negotiation:amendments.cosponsors')}{' '}
            {a.cosponsors.map((s, i) => (
              <Fragment key={s.delegation}>
                {i ? ', ' : ''}
                <DelegationTag code={s.delegation} />
              </Fragment>
            ))}
          </>
        ) : null}
      </p>
      <p class="hint">{t('voting:delegation.diffLegend')}</p>
      <Diff diff={diff} class="word-diff subject-diff" />
      <div class="rationale">
        <span class="label">{t('negotiation:amendments.rationale')}</span>
        <Paragraphs text={a.rationale} />
      </div>
    </>
  );
}
